using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns;

/// <summary>Campaigns, rosters, deliverables, calendar: end to end over HTTP, on SQLite and on SQL Server where one answers.</summary>
public abstract class CampaignsApiTests(ApiFixture api)
{
    private const string Campaigns = "/api/v1/campaigns";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    private static object NewCampaign(string name, object? extra = null)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["brand"] = "Acme Beauty",
            ["objectives"] = new JsonArray(
                new JsonObject { ["type"] = "visibility", ["target"] = 2_000_000 },
                new JsonObject { ["type"] = "engagement", ["kpi"] = "engagement_rate", ["target"] = 4 }),
            ["platforms"] = new JsonArray("instagram", "tiktok"),
            ["markets"] = new JsonArray("FR", "DE"),
            ["budget"] = new JsonObject { ["amount"] = 5_000_000, ["currency"] = "EUR" },
            ["startsOn"] = Day(-10),
            ["endsOn"] = Day(60),
            ["brief"] = new JsonObject
            {
                ["text"] = "Launch of the vegan serum.",
                ["dos"] = new JsonArray("Show the texture"),
                ["donts"] = new JsonArray("No medical claims"),
                ["mandatoryMentions"] = new JsonArray("@acmebeauty"),
                ["disclosureWording"] = "Publicité",
            },
        };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra, System.Text.Json.JsonSerializerOptions.Web))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }

        return body;
    }

    private async Task<(string Id, string ETag, JsonNode Body)> CreateCampaign(object? extra = null, string? name = null)
    {
        var response = await api.Client(Roles.Brand).PostJson(Campaigns, NewCampaign(name ?? Unique("Campaign "), extra));
        var body = await response.Expect(HttpStatusCode.Created);
        return ((string)body["id"]!, response.ETag(), body);
    }

    private async Task<string> CreateCreator(string name, long followers = 10_000, object? extra = null)
    {
        var body = new JsonObject
        {
            ["displayName"] = name,
            ["socialAccounts"] = new JsonArray(
                new JsonObject { ["platform"] = "instagram", ["handle"] = Unique("ig"), ["followers"] = followers },
                new JsonObject { ["platform"] = "tiktok", ["handle"] = Unique("tt"), ["followers"] = followers * 3 }),
        };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra, System.Text.Json.JsonSerializerOptions.Web))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }

        return (string)(await (await api.Client().PostJson("/api/v1/creators", body)).Expect(HttpStatusCode.Created))["id"]!;
    }

    private async Task<(string Id, string ETag)> SetStatus(string id, string etag, string status)
    {
        var response = await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{id}/status", new { status }, ifMatch: etag);
        await response.Expect(HttpStatusCode.OK);
        return (id, response.ETag());
    }

    private async Task<(string MemberId, string ETag)> Confirmed(string campaignId, string creatorId, long fee = 150_000)
    {
        var added = await api.Client().PostJson($"{Campaigns}/{campaignId}/roster", new { creatorId });
        var member = await added.Expect(HttpStatusCode.Created);
        var id = (string)member["id"]!;
        var confirmed = await api.Client().Send(HttpMethod.Patch, $"{Campaigns}/{campaignId}/roster/{id}",
            new { status = "confirmed", agreedFee = new { amount = fee, currency = "EUR" } }, ifMatch: added.ETag());
        await confirmed.Expect(HttpStatusCode.OK);
        return (id, confirmed.ETag());
    }

    private async Task<(string Id, string ETag)> Plan(string campaignId, string memberId, string platform = "instagram", string format = "reel", int dueIn = 7, object? extra = null)
    {
        var body = new JsonObject { ["rosterMemberId"] = memberId, ["platform"] = platform, ["format"] = format, ["market"] = "FR", ["dueOn"] = Day(dueIn) };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra, System.Text.Json.JsonSerializerOptions.Web))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }

        var response = await api.Client(Roles.Integration).PostJson($"{Campaigns}/{campaignId}/deliverables", body);
        var json = await response.Expect(HttpStatusCode.Created);
        return ((string)json["id"]!, response.ETag());
    }

    [Fact]
    public async Task Create_answers_201_a_draft_with_derived_kpis_and_stores_it()
    {
        var (id, etag, body) = await CreateCampaign();
        Assert.StartsWith("cmp_", id);
        Assert.Equal("\"1\"", etag);
        Assert.Equal("draft", (string)body["status"]!);
        Assert.Equal("impressions", (string)body["objectives"]![0]!["kpi"]!);
        Assert.Equal(["FR", "DE"], body["markets"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(5_000_000, (long)body["budget"]!["amount"]!);
        Assert.Equal("Publicité", (string)body["brief"]!["disclosureWording"]!);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal("draft", await c.ExecuteScalarAsync<string>("SELECT status FROM campaign_campaigns WHERE id = @id", new { id }));

        var read = await api.Client(Roles.Viewer).GetAsync($"{Campaigns}/{id}");
        Assert.Equal(body.ToJsonString(), (await read.Expect(HttpStatusCode.OK)).ToJsonString());
        await (await api.OtherWorkspace().GetAsync($"{Campaigns}/{id}")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_with_invalid_fields_answers_400_naming_each()
    {
        var response = await api.Client().PostJson(Campaigns, new
        {
            name = "",
            brand = "B",
            objectives = new object[] { new { type = "fame", target = 1 }, new { type = "visibility", kpi = "clicks", target = 1 }, new { type = "sales", target = 0 } },
            platforms = new[] { "myspace" },
            markets = new[] { "EU" },
            budget = new { amount = -1, currency = "EURO" },
            startsOn = "2026-05-01",
            endsOn = "2026-04-01",
        });
        var errors = (await response.Expect(HttpStatusCode.BadRequest))["errors"]!.AsObject();
        foreach (var field in new[] { "name", "objectives[0].type", "objectives[1].kpi", "objectives[2].target", "platforms[0]", "markets[0]", "budget.amount", "budget.currency", "endsOn" })
        {
            Assert.True(errors.ContainsKey(field), $"errors lacks {field}: {errors.ToJsonString()}");
        }

        await (await api.Client().PostRaw(Campaigns, """{"name":"A","brand":"B","colour":"red"}""")).Expect(HttpStatusCode.BadRequest);
        await (await api.Client(Roles.Legal).PostJson(Campaigns, NewCampaign("Legal cannot"))).Expect(HttpStatusCode.Forbidden);
        await (await api.Client(Roles.Viewer).PostJson(Campaigns, NewCampaign("Viewer cannot"))).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Creating_twice_with_one_idempotency_key_makes_one_campaign()
    {
        var name = Unique("Once ");
        var key = Guid.NewGuid().ToString();
        var first = await (await api.Client().PostJson(Campaigns, NewCampaign(name), key)).Expect(HttpStatusCode.Created);
        var second = await (await api.Client().PostJson(Campaigns, NewCampaign(name), key)).Expect(HttpStatusCode.Created);
        Assert.Equal((string)first["id"]!, (string)second["id"]!);
        await (await api.Client().PostJson(Campaigns, NewCampaign(name + "x"), key)).Expect(HttpStatusCode.UnprocessableEntity);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM campaign_campaigns WHERE name = @name", new { name }));
    }

    [Fact]
    public async Task Patch_merges_nested_fields_and_needs_a_current_etag()
    {
        var (id, etag, _) = await CreateCampaign();
        var url = $"{Campaigns}/{id}";
        await (await api.Client().Send(HttpMethod.Patch, url, new { name = "x" })).Expect(HttpStatusCode.PreconditionRequired);
        await (await api.Client().Send(HttpMethod.Patch, url, new { name = "x" }, ifMatch: "\"7\"")).Expect(HttpStatusCode.PreconditionFailed);
        await (await api.Client().Send(HttpMethod.Patch, url, new { status = "live" }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().Send(HttpMethod.Patch, url, new { budget = new { amount = "lots" } }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().Send(HttpMethod.Patch, url, new { markets = new[] { "XX" } }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);

        var response = await api.Client().Send(HttpMethod.Patch, url, """{"brief":{"text":"New brief"},"budget":{"amount":6000000},"endsOn":null}""",
            ifMatch: etag, contentType: "application/merge-patch+json");
        var body = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal("New brief", (string)body["brief"]!["text"]!);
        Assert.Equal("No medical claims", (string)body["brief"]!["donts"]![0]!);
        Assert.Equal(6_000_000, (long)body["budget"]!["amount"]!);
        Assert.Equal("EUR", (string)body["budget"]!["currency"]!);
        Assert.Null(body["endsOn"]);
        await (await api.OtherWorkspace().Send(HttpMethod.Patch, url, new { name = "y" }, ifMatch: "*")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Status_moves_along_the_lifecycle_and_refuses_illegal_moves_with_the_reason()
    {
        var (id, etag, _) = await CreateCampaign();
        var problem = await (await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{id}/status", new { status = "live" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("planned", (string)problem["detail"]!, StringComparison.Ordinal);
        await (await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{id}/status", new { status = "famous" }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{id}/status", new { status = "planned" })).Expect(HttpStatusCode.PreconditionRequired);

        (_, etag) = await SetStatus(id, etag, "planned");
        (_, etag) = await SetStatus(id, etag, "live");
        (_, etag) = await SetStatus(id, etag, "completed");
        var final = await (await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{id}/status", new { status = "live" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("final", (string)final["detail"]!, StringComparison.Ordinal);
        await (await api.Client().Send(HttpMethod.Patch, $"{Campaigns}/{id}", new { name = "Reopened" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);

        var (undated, undatedTag, _) = await CreateCampaign(new { startsOn = (string?)null, endsOn = (string?)null });
        var needsDates = await (await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{undated}/status", new { status = "planned" }, ifMatch: undatedTag))
            .Expect(HttpStatusCode.Conflict);
        Assert.Contains("startsOn", (string)needsDates["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_live_before_the_start_date_needs_a_reason_that_is_recorded()
    {
        var (id, etag, _) = await CreateCampaign(new { startsOn = Day(5), endsOn = Day(40) });
        var planned = await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{id}/status", new { status = "planned" }, ifMatch: etag);
        await planned.Expect(HttpStatusCode.OK);
        var refused = await (await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{id}/status", new { status = "live" }, ifMatch: planned.ETag()))
            .Expect(HttpStatusCode.Conflict);
        Assert.Contains("earlyStartReason", (string)refused["detail"]!, StringComparison.Ordinal);
        await (await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{id}/status", new { status = "live", earlyStartReason = "Teaser agreed with the brand" },
            ifMatch: planned.ETag())).Expect(HttpStatusCode.OK);
        var audit = await (await api.Client().GetAsync($"/api/v1/audit-log?entityType=campaign&entityId={id}")).Expect(HttpStatusCode.OK);
        Assert.Contains(audit["items"]!.AsArray(), e => ((string?)e!["details"] ?? "").Contains("Teaser agreed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_filters_by_status_brand_market_platform_dates_and_text()
    {
        var tag = Unique("Search");
        var a = await CreateCampaign(new { brand = tag + " Cosmetics", markets = new[] { "FR" }, platforms = new[] { "youtube" }, startsOn = Day(100), endsOn = Day(120) }, tag + " Alpha");
        var b = await CreateCampaign(new { brand = tag + " Cosmetics", markets = new[] { "ES", "IT" }, platforms = new[] { "tiktok" }, startsOn = Day(200), endsOn = Day(220) }, tag + " Beta");
        await SetStatus(b.Id, b.ETag, "planned");

        async Task<string[]> Ids(string query)
        {
            var sort = query.Contains("sort=", StringComparison.Ordinal) ? "" : "&sort=name";
            var json = await (await api.Client(Roles.Viewer).GetAsync($"{Campaigns}?q={Uri.EscapeDataString(tag)}{sort}&{query}")).Expect(HttpStatusCode.OK);
            return json["items"]!.AsArray().Select(i => (string)i!["id"]!).ToArray();
        }

        Assert.Equal([a.Id, b.Id], await Ids(""));
        Assert.Equal([b.Id], await Ids("status=planned"));
        Assert.Equal([a.Id, b.Id], await Ids($"brand={Uri.EscapeDataString(tag.ToUpperInvariant() + " COSMETICS")}"));
        Assert.Equal([b.Id], await Ids("market=IT"));
        Assert.Equal([a.Id], await Ids("platform=youtube"));
        Assert.Equal([a.Id], await Ids($"from={Day(110)}&to={Day(150)}"));
        Assert.Equal([b.Id, a.Id], await Ids("sort=-name"));
        var first = await (await api.Client().GetAsync($"{Campaigns}?q={Uri.EscapeDataString(tag)}&sort=name&limit=1")).Expect(HttpStatusCode.OK);
        var next = await (await api.Client().GetAsync($"{Campaigns}?q={Uri.EscapeDataString(tag)}&sort=name&limit=1&cursor={(string)first["nextCursor"]!}")).Expect(HttpStatusCode.OK);
        Assert.Equal(b.Id, (string)next["items"]![0]!["id"]!);
        await (await api.Client().GetAsync($"{Campaigns}?status=famous")).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().GetAsync($"{Campaigns}?from={Day(10)}&to={Day(1)}")).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_roster_takes_workspace_creators_once_and_shows_names_and_main_accounts()
    {
        var (id, _, _) = await CreateCampaign();
        var creator = await CreateCreator("Rosa Roster", followers: 20_000);
        var otherCreator = (string)(await (await api.OtherWorkspace().PostJson("/api/v1/creators", new { displayName = "Elsewhere" })).Expect(HttpStatusCode.Created))["id"]!;
        var private_ = await CreateCreator("Private Person", extra: new { doNotContact = true });

        var added = await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = creator, agreedFee = new { amount = 100_000, currency = "EUR" } });
        var member = await added.Expect(HttpStatusCode.Created);
        Assert.Equal("invited", (string)member["status"]!);
        Assert.Equal("Rosa Roster", (string)member["creatorName"]!);
        Assert.Equal("tiktok", (string)member["mainAccount"]!["platform"]!);
        Assert.Equal(60_000, (long)member["mainAccount"]!["followers"]!);

        var duplicate = await (await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = creator })).Expect(HttpStatusCode.Conflict);
        Assert.Equal((string)member["id"]!, (string)duplicate["existingRosterMemberId"]!);
        var missing = await (await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = "cr_nobody" })).Expect(HttpStatusCode.BadRequest);
        Assert.True(missing["errors"]!.AsObject().ContainsKey("creatorId"));
        await (await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = otherCreator })).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = private_ })).Expect(HttpStatusCode.Conflict);
        await (await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = creator, agreedFee = new { amount = 5, currency = "eur" } })).Expect(HttpStatusCode.BadRequest);

        var list = await (await api.Client(Roles.Viewer).GetAsync($"{Campaigns}/{id}/roster")).Expect(HttpStatusCode.OK);
        Assert.Equal([creator], list["items"]!.AsArray().Select(m => (string)m!["creatorId"]!));
        await (await api.OtherWorkspace().GetAsync($"{Campaigns}/{id}/roster")).Expect(HttpStatusCode.NotFound);

        // Paged in the order creators were added.
        var second = await CreateCreator("Second Added");
        await (await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = second })).Expect(HttpStatusCode.Created);
        var first = await (await api.Client(Roles.Viewer).GetAsync($"{Campaigns}/{id}/roster?limit=1")).Expect(HttpStatusCode.OK);
        Assert.Equal([creator], first["items"]!.AsArray().Select(m => (string)m!["creatorId"]!));
        var next = await (await api.Client(Roles.Viewer).GetAsync($"{Campaigns}/{id}/roster?limit=1&cursor={Uri.EscapeDataString((string)first["nextCursor"]!)}"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal([second], next["items"]!.AsArray().Select(m => (string)m!["creatorId"]!));
        Assert.Null((string?)next["nextCursor"]);
    }

    [Fact]
    public async Task Roster_members_move_invited_negotiating_confirmed_with_a_fee()
    {
        var (id, _, _) = await CreateCampaign();
        var creator = await CreateCreator("Nego Tiator");
        var added = await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = creator });
        var memberId = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
        var url = $"{Campaigns}/{id}/roster/{memberId}";

        await (await api.Client().Send(HttpMethod.Patch, url, new { status = "negotiating" })).Expect(HttpStatusCode.PreconditionRequired);
        var negotiating = await api.Client().Send(HttpMethod.Patch, url, new { status = "negotiating" }, ifMatch: added.ETag());
        await negotiating.Expect(HttpStatusCode.OK);
        var noFee = await (await api.Client().Send(HttpMethod.Patch, url, new { status = "confirmed" }, ifMatch: negotiating.ETag())).Expect(HttpStatusCode.Conflict);
        Assert.Contains("agreedFee", (string)noFee["detail"]!, StringComparison.Ordinal);
        await (await api.Client().Send(HttpMethod.Patch, url, new { status = "confirmed" }, ifMatch: added.ETag())).Expect(HttpStatusCode.PreconditionFailed);
        var confirmed = await api.Client().Send(HttpMethod.Patch, url, new { status = "confirmed", agreedFee = new { amount = 250_000, currency = "EUR" } }, ifMatch: negotiating.ETag());
        var body = await confirmed.Expect(HttpStatusCode.OK);
        Assert.Equal(250_000, (long)body["agreedFee"]!["amount"]!);
        var back = await (await api.Client().Send(HttpMethod.Patch, url, new { status = "invited" }, ifMatch: confirmed.ETag())).Expect(HttpStatusCode.Conflict);
        Assert.Contains("removed", (string)back["detail"]!, StringComparison.Ordinal);
        await (await api.Client().Send(HttpMethod.Patch, $"{Campaigns}/{id}/roster/rm_nobody", new { status = "removed" }, ifMatch: "*")).Expect(HttpStatusCode.NotFound);
        await (await api.Client(Roles.Viewer).Send(HttpMethod.Patch, url, new { status = "removed" }, ifMatch: "*")).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_deliverable_goes_from_planned_to_verified_and_every_step_is_kept()
    {
        var (id, etag, _) = await CreateCampaign();
        var creator = await CreateCreator("Flow Creator");
        var (memberId, _) = await Confirmed(id, creator);
        var (deliverableId, dEtag) = await Plan(id, memberId, extra: new { title = "Serum reel" });
        var url = $"{Campaigns}/{id}/deliverables/{deliverableId}";

        async Task<string> Step(string role, string path, object body, string ifMatch, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var response = await api.Client(role).Send(HttpMethod.Post, $"{url}/{path}", body, ifMatch: ifMatch);
            await response.Expect(expected);
            return expected == HttpStatusCode.OK ? response.ETag() : ifMatch;
        }

        await Step(Roles.Integration, "drafts", new { caption = "x" }, "\"9\"", HttpStatusCode.PreconditionFailed);
        await Step(Roles.Integration, "drafts", new { caption = "" }, dEtag, HttpStatusCode.BadRequest);
        await Step(Roles.Integration, "reviews", new { verdict = "approved" }, dEtag, HttpStatusCode.Forbidden);
        await Step(Roles.Brand, "reviews", new { verdict = "approved" }, dEtag, HttpStatusCode.Conflict); // nothing submitted yet
        dEtag = await Step(Roles.Integration, "drafts", new { caption = "Mon sérum préféré #ad", media = new[] { "https://cdn.example.com/v1.mp4" } }, dEtag);
        await Step(Roles.Legal, "reviews", new { verdict = "changes_requested" }, dEtag, HttpStatusCode.BadRequest); // a comment is required
        dEtag = await Step(Roles.Legal, "reviews", new { verdict = "changes_requested", comment = "Use « Publicité » for France, upfront." }, dEtag);
        dEtag = await Step(Roles.Integration, "drafts", new { caption = "Publicité – mon sérum préféré", media = new[] { "https://cdn.example.com/v2.mp4" } }, dEtag);
        dEtag = await Step(Roles.Legal, "reviews", new { verdict = "approved", comment = "OK for FR" }, dEtag);

        var publication = new { postUrl = "https://instagram.com/p/abc", publishedAt = DateTimeOffset.UtcNow.AddMinutes(-5), onScreenText = "Publicité", spokenText = "", paidPartnershipLabel = true };
        var notLive = await (await api.Client().Send(HttpMethod.Post, $"{url}/publication", publication, ifMatch: dEtag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("live", (string)notLive["detail"]!, StringComparison.Ordinal);
        (_, etag) = await SetStatus(id, etag, "planned");
        await SetStatus(id, etag, "live");
        await Step(Roles.Integration, "publication", new { postUrl = "ftp://x", publishedAt = DateTimeOffset.UtcNow.AddDays(1) }, dEtag, HttpStatusCode.BadRequest);
        dEtag = await Step(Roles.Integration, "publication", publication, dEtag);
        await Step(Roles.Integration, "verification", new { }, dEtag, HttpStatusCode.Forbidden);
        dEtag = await Step(Roles.Brand, "verification", new { comment = "Live post checked" }, dEtag);
        await Step(Roles.Brand, "reviews", new { verdict = "approved" }, dEtag, HttpStatusCode.Conflict);

        var deliverable = await (await api.Client(Roles.Viewer).GetAsync(url)).Expect(HttpStatusCode.OK);
        Assert.Equal("verified", (string)deliverable["status"]!);
        Assert.Equal("Publicité – mon sérum préféré", (string)deliverable["publication"]!["finalCaption"]!);
        Assert.True((bool)deliverable["publication"]!["paidPartnershipLabel"]!);

        var history = (await (await api.Client(Roles.Viewer).GetAsync($"{url}/history")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(["submit", "request_changes", "submit", "approve", "publish", "verify"], history.Select(h => (string)h!["step"]!));
        Assert.Equal(["planned", "draft_submitted", "changes_requested", "resubmitted", "approved", "published"], history.Select(h => (string)h!["fromStatus"]!));
        Assert.Equal(["integration", "legal", "integration", "legal", "integration", "brand"], history.Select(h => (string)h!["actorRole"]!));
        Assert.Equal("Use « Publicité » for France, upfront.", (string)history[1]!["comment"]!);
        Assert.Equal("Mon sérum préféré #ad", (string)history[0]!["caption"]!);
        await (await api.OtherWorkspace().GetAsync($"{url}/history")).Expect(HttpStatusCode.NotFound);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(3L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @deliverableId", new { deliverableId }));
    }

    [Fact]
    public async Task Planning_checks_format_roster_platform_and_market()
    {
        var (id, _, _) = await CreateCampaign();
        var (memberId, memberEtag) = await Confirmed(id, await CreateCreator("Planner"));
        var url = $"{Campaigns}/{id}/deliverables";

        var story = await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "instagram", format = "story", market = "FR", dueOn = Day(3) }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(story["errors"]!.AsObject().ContainsKey("storyFrames"));
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "instagram", format = "story", storyFrames = 4, market = "FR", dueOn = Day(3) }))
            .Expect(HttpStatusCode.Created);
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "youtube", format = "video", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.Conflict);
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "tiktok", format = "short", market = "US", dueOn = Day(3) })).Expect(HttpStatusCode.Conflict);
        await (await api.Client().PostJson(url, new { rosterMemberId = "rm_nobody", platform = "tiktok", format = "short", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "tiktok", format = "dance", market = "FR" })).Expect(HttpStatusCode.BadRequest);

        await (await api.Client().Send(HttpMethod.Patch, $"{Campaigns}/{id}/roster/{memberId}", new { status = "removed" }, ifMatch: memberEtag)).Expect(HttpStatusCode.OK);
        await (await api.Client().PostJson(url, new { rosterMemberId = memberId, platform = "tiktok", format = "short", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.Conflict);
        await (await api.OtherWorkspace().PostJson(url, new { rosterMemberId = memberId, platform = "tiktok", format = "short", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_calendar_lists_deliverables_between_two_dates_across_campaigns()
    {
        var creator = await CreateCreator("Calendar Creator");
        var (one, _, _) = await CreateCampaign(name: Unique("Cal A "));
        var (two, _, _) = await CreateCampaign(name: Unique("Cal B "));
        var (m1, _) = await Confirmed(one, creator);
        var (m2, _) = await Confirmed(two, creator);
        var (d1, _) = await Plan(one, m1, dueIn: 300);
        var (d2, _) = await Plan(two, m2, platform: "tiktok", format: "short", dueIn: 302);
        await Plan(two, m2, dueIn: 340);

        var json = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}&creatorId={creator}")).Expect(HttpStatusCode.OK);
        var items = json["items"]!.AsArray();
        Assert.Equal([d1, d2], items.Select(i => (string)i!["deliverable"]!["id"]!));
        Assert.Equal("Calendar Creator", (string)items[0]!["creatorName"]!);
        Assert.StartsWith("Cal A", (string)items[0]!["campaignName"]!, StringComparison.Ordinal);
        var tiktok = await (await api.Client().GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}&creatorId={creator}&platform=tiktok")).Expect(HttpStatusCode.OK);
        Assert.Equal([d2], tiktok["items"]!.AsArray().Select(i => (string)i!["deliverable"]!["id"]!));
        var paged = await (await api.Client().GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}&creatorId={creator}&limit=1")).Expect(HttpStatusCode.OK);
        var rest = await (await api.Client().GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}&creatorId={creator}&limit=1&cursor={(string)paged["nextCursor"]!}")).Expect(HttpStatusCode.OK);
        Assert.Equal([d2], rest["items"]!.AsArray().Select(i => (string)i!["deliverable"]!["id"]!));

        await (await api.Client().GetAsync("/api/v1/calendar")).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().GetAsync($"/api/v1/calendar?from={Day(0)}&to={Day(400)}")).Expect(HttpStatusCode.BadRequest);
        var other = await (await api.OtherWorkspace().GetAsync($"/api/v1/calendar?from={Day(299)}&to={Day(310)}")).Expect(HttpStatusCode.OK);
        Assert.Empty(other["items"]!.AsArray());
    }

    [Fact]
    public async Task The_icalendar_feed_parses_and_its_subscription_secret_opens_that_feed_and_nothing_else()
    {
        var creator = await CreateCreator("Feed Creator");
        var (id, _, _) = await CreateCampaign(name: Unique("Feed "));
        var (otherCampaign, _, _) = await CreateCampaign(name: Unique("Other feed "));
        var (member, _) = await Confirmed(id, creator);
        var (d1, _) = await Plan(id, member, dueIn: 5);
        var (d2, _) = await Plan(id, member, platform: "tiktok", format: "story", dueIn: 6, extra: new { storyFrames = 3 });
        var (otherMember, _) = await Confirmed(otherCampaign, await CreateCreator("Other Creator"));
        await Plan(otherCampaign, otherMember, dueIn: 5);

        var created = await (await api.Client(Roles.Brand).PostJson("/api/v1/calendar-feeds", new { name = "Agency calendar", campaignId = id })).Expect(HttpStatusCode.Created);
        var url = (string)created["url"]!;
        Assert.Matches("^http://localhost/api/v1/calendar\\.ics\\?key=icfeed_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", url);
        var secret = url[(url.IndexOf("key=", StringComparison.Ordinal) + 4)..];

        var feed = await api.Anonymous().GetAsync(url + $"&campaignId={otherCampaign}"); // a campaign feed shows its campaign, whatever the query asks
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        var events = calendar.Events.OrderBy(e => e.Start!.Value).ToList();
        Assert.Equal([$"{d1}@influencecrm", $"{d2}@influencecrm"], events.Select(e => e.Uid));
        Assert.Equal(Today.AddDays(5), DateOnly.FromDateTime(events[0].Start!.Value));
        Assert.False(events[0].Start!.HasTime);
        Assert.Contains("Feed Creator", events[1].Summary, StringComparison.Ordinal);
        Assert.Contains("story (3 frames)", events[1].Summary, StringComparison.Ordinal);

        // The feed secret is no API key, and API keys do not travel in URLs.
        await (await api.WithKey(secret).GetAsync("/api/v1/creators")).Expect(HttpStatusCode.Unauthorized);
        await (await api.WithKey(secret).GetAsync("/api/v1/calendar.ics")).Expect(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().GetAsync($"/api/v1/creators?key={secret}")).Expect(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().GetAsync($"/api/v1/calendar.ics?key={Uri.EscapeDataString(api.Key(Roles.Viewer))}")).Expect(HttpStatusCode.Unauthorized);
        await (await api.Anonymous().GetAsync("/api/v1/calendar.ics")).Expect(HttpStatusCode.Unauthorized);

        var listed = await (await api.Client().GetAsync("/api/v1/calendar-feeds")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, listed.ToJsonString(), StringComparison.Ordinal);
        var feedId = (string)created["feed"]!["id"]!;
        Assert.Contains(listed["items"]!.AsArray(), f => (string)f!["id"]! == feedId);
        await (await api.Client(Roles.Viewer).GetAsync("/api/v1/calendar-feeds")).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().Send(HttpMethod.Delete, $"/api/v1/calendar-feeds/{feedId}")).Expect(HttpStatusCode.NotFound);
        await (await api.Client(Roles.Brand).Send(HttpMethod.Delete, $"/api/v1/calendar-feeds/{feedId}")).Expect(HttpStatusCode.NoContent);
        await (await api.Anonymous().GetAsync(url)).Expect(HttpStatusCode.Unauthorized);

        var withHeader = await api.Client(Roles.Brand).GetAsync($"/api/v1/calendar.ics?campaignId={id}");
        Assert.Equal(2, Ical.Net.Calendar.Load(await withHeader.Content.ReadAsStringAsync())!.Events.Count);
    }

    [Fact]
    public async Task Overdue_lists_unpublished_deliverables_past_due_per_campaign_and_creator()
    {
        var creator = await CreateCreator("Late Creator");
        var (id, _, _) = await CreateCampaign(name: Unique("Late "));
        var (member, _) = await Confirmed(id, creator);
        var (late, _) = await Plan(id, member, dueIn: -3);
        var (onTime, _) = await Plan(id, member, dueIn: 3);

        var json = await (await api.Client(Roles.Viewer).GetAsync($"{Campaigns}/overdue")).Expect(HttpStatusCode.OK);
        var group = json["byCampaign"]!.AsArray().Single(g => (string)g!["campaignId"]! == id)!;
        Assert.Equal([late], group["deliverables"]!.AsArray().Select(d => (string)d!["id"]!));
        Assert.Equal(3, (int)group["deliverables"]![0]!["daysLate"]!);
        var byCreator = json["byCreator"]!.AsArray().Single(g => (string)g!["creatorId"]! == creator)!;
        Assert.Equal("Late Creator", (string)byCreator["creatorName"]!);
        Assert.Equal(1, (int)byCreator["count"]!);

        var later = await (await api.Client().GetAsync($"{Campaigns}/overdue?asOf={Day(10)}")).Expect(HttpStatusCode.OK);
        var ids = later["byCampaign"]!.AsArray().Single(g => (string)g!["campaignId"]! == id)!["deliverables"]!.AsArray().Select(d => (string)d!["id"]!);
        Assert.Equal([late, onTime], ids);
        var other = await (await api.OtherWorkspace().GetAsync($"{Campaigns}/overdue")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(id, other.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_counts_deliverables_and_roster_and_sets_fees_against_budget()
    {
        var (id, _, _) = await CreateCampaign(new { budget = new { amount = 300_000, currency = "EUR" } });
        var (m1, _) = await Confirmed(id, await CreateCreator("Sum One"), fee: 200_000);
        var (m2, _) = await Confirmed(id, await CreateCreator("Sum Two"), fee: 150_000);
        await (await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = await CreateCreator("Sum Three"), agreedFee = new { amount = 90_000, currency = "USD" } }))
            .Expect(HttpStatusCode.Created);
        await Plan(id, m1);
        await Plan(id, m2);

        var summary = await (await api.Client(Roles.Viewer).GetAsync($"{Campaigns}/{id}/summary")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (int)summary["deliverablesByStatus"]!["planned"]!);
        Assert.Equal(0, (int)summary["deliverablesByStatus"]!["published"]!);
        Assert.Equal(2, (int)summary["rosterByStatus"]!["confirmed"]!);
        Assert.Equal(1, (int)summary["rosterByStatus"]!["invited"]!);
        var fees = summary["fees"]!.AsArray();
        var eur = fees.Single(f => (string)f!["currency"]! == "EUR")!;
        Assert.Equal(350_000, (long)eur["committed"]!);
        var usd = fees.Single(f => (string)f!["currency"]! == "USD")!;
        Assert.Equal(90_000, (long)usd["pending"]!);
        Assert.False((bool)usd["inBudgetCurrency"]!);
        Assert.Equal(-50_000, (long)summary["remaining"]!);
        Assert.True((bool)summary["overBudget"]!);
        await (await api.OtherWorkspace().GetAsync($"{Campaigns}/{id}/summary")).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class CampaignsApiOnSqlite(SqliteApiFixture api) : CampaignsApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class CampaignsApiOnSqlServer(SqlServerApiFixture api) : CampaignsApiTests(api), IClassFixture<SqlServerApiFixture>;
