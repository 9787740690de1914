using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Performance;

/// <summary>Links, the redirect, conversions, snapshots and reports over HTTP.</summary>
public abstract class PerformanceApiTests(ApiFixture api)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal sealed record Setup(string CampaignId, IReadOnlyList<(string Id, string CreatorId, string Platform)> Deliverables, IReadOnlyList<string> Creators);

    /// <summary>A campaign with creators (confirmed with fees) and two deliverables each.</summary>
    internal Task<Setup> Campaign(int creators = 2, long fee = 100_000) => CampaignAsync(api, creators, fee);

    /// <summary>The same, for tests of other classes (on any engine's fixture).</summary>
    internal static async Task<Setup> CampaignAsync(ApiFixture api, int creators = 2, long fee = 100_000)
    {
        var campaign = (string)(await (await api.Client().PostJson("/api/v1/campaigns", new
        {
            name = "Perf " + Guid.NewGuid().ToString("N")[..6],
            brand = "Acme",
            objectives = new object[] { new { type = "acquisition", target = 1000 }, new { type = "sales", target = 10 } },
            budget = new { amount = 1_000_000, currency = "EUR" },
            startsOn = Day(-30),
            endsOn = Day(30),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var deliverables = new List<(string, string, string)>();
        var creatorIds = new List<string>();
        for (var i = 0; i < creators; i++)
        {
            var creator = (string)(await (await api.Client().PostJson("/api/v1/creators", new { displayName = $"Perf creator {i}" })).Expect(HttpStatusCode.Created))["id"]!;
            creatorIds.Add(creator);
            var added = await api.Client().PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator });
            var member = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
            await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/campaigns/{campaign}/roster/{member}",
                new { status = "confirmed", agreedFee = new { amount = fee, currency = "EUR" } }, ifMatch: added.ETag())).Expect(HttpStatusCode.OK);
            foreach (var platform in new[] { "instagram", "tiktok" })
            {
                var d = (string)(await (await api.Client().PostJson($"/api/v1/campaigns/{campaign}/deliverables",
                    new { rosterMemberId = member, platform, format = "post", market = "FR", dueOn = Day(3) })).Expect(HttpStatusCode.Created))["id"]!;
                deliverables.Add((d, creator, platform));
            }
        }

        return new Setup(campaign, deliverables, creatorIds);
    }

    private async Task<JsonNode> Link(string campaignId, string deliverableId, string destination = "https://shop.example.com/serum?ref=insta&utm_source=old#top", string? code = null) =>
        await (await api.Client(Roles.Integration).PostJson("/api/v1/links", new { campaignId, deliverableId, destination, code })).Expect(HttpStatusCode.Created);

    [Theory]
    [InlineData("https://bücher.example/", "https://xn--bcher-kva.example/")]
    [InlineData("https://例え.テスト/パス?q=ü", "https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9?q=%C3%BC")]
    public async Task International_domain_names_are_stored_and_redirected_in_their_ascii_form(string destination, string ascii)
    {
        var setup = await Campaign(1);
        var link = await Link(setup.CampaignId, setup.Deliverables[0].Id, destination);
        Assert.StartsWith(ascii, (string)link["destination"]!, StringComparison.Ordinal);

        var response = await api.Visitor().GetAsync((string)link["shortUrl"]!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.NonValidated["Location"].Single();
        Assert.StartsWith(ascii, location, StringComparison.Ordinal);
        Assert.All(location, ch => Assert.InRange(ch, '!', '~')); // what Kestrel lets through a header
    }

    [Fact]
    public async Task A_destination_too_long_once_its_utm_parameters_are_added_is_refused_and_nothing_is_stored()
    {
        var setup = await Campaign(1);
        var destination = "https://shop.example.com/?q=" + new string('é', 700); // 728 characters as sent, 4,228 percent-encoded
        var problem = await (await api.Client().PostJson("/api/v1/links", new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[0].Id, destination }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("2048", (string)problem["errors"]!["destination"]![0]!, StringComparison.Ordinal);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_links WHERE campaign_id = @id", new { id = setup.CampaignId }));
    }

    [Fact]
    public async Task The_report_csv_names_creators_neutralises_formulas_and_states_its_money_unit()
    {
        var setup = await Campaign(1);
        var creator = await api.Client().GetAsync($"/api/v1/creators/{setup.Creators[0]}");
        const string formula = "=HYPERLINK(\"https://evil.example\",\"Léa, \"\"the\"\" creator\")";
        await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/creators/{setup.Creators[0]}", new { displayName = formula }, ifMatch: creator.ETag(),
            contentType: "application/merge-patch+json")).Expect(HttpStatusCode.OK);

        var response = await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}.csv?groupBy=creator");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches("^report-perf-[a-z0-9]+-creator-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$", response.Content.Headers.ContentDisposition!.FileNameStar);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal); // CRLF line ends only

        // Read back by a CSV parser: the name is there, next to the id, as text that no spreadsheet evaluates.
        using var reader = CsvHelper.CsvReader.FromText(text, new CsvHelper.CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        Assert.Equal(["creator", "name", "clicks"], rows[0][..3]);
        Assert.Contains("revenue (EUR, minor units)", rows[0]);
        var row = rows.Single(r => r[0] == setup.Creators[0]);
        Assert.Equal("'" + formula, row[1]);
        Assert.Equal(["total", "total"], rows[^1][..2]);
    }

    [Fact]
    public async Task Links_are_listed_newest_first_with_their_clicks_and_filters()
    {
        var setup = await Campaign(1);
        var first = await Link(setup.CampaignId, setup.Deliverables[0].Id);
        var second = await Link(setup.CampaignId, setup.Deliverables[1].Id);
        for (var i = 0; i < 3; i++)
        {
            var visitor = api.Visitor();
            visitor.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148");
            Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync((string)first["shortUrl"]!)).StatusCode);
        }

        for (var i = 0; i < 600 && await StoredClicks((string)first["id"]!) < 3; i++)
        {
            await Task.Delay(50);
        }

        await Task.Delay(100); // the rollups commit with the clicks
        var page1 = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/links?campaignId={setup.CampaignId}&limit=1")).Expect(HttpStatusCode.OK);
        Assert.Equal((string)second["id"]!, (string)page1["items"]![0]!["link"]!["id"]!);
        var page2 = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/links?campaignId={setup.CampaignId}&limit=1&cursor={(string)page1["nextCursor"]!}")).Expect(HttpStatusCode.OK);
        var listed = page2["items"]![0]!;
        Assert.Equal((string)first["id"]!, (string)listed["link"]!["id"]!);
        Assert.Equal(3L, (long)listed["clicks"]!);
        Assert.Equal(3L, (long)listed["humanClicks"]!);
        Assert.Equal(1L, (long)listed["uniqueVisitors"]!);
        Assert.Null((string?)page2["nextCursor"]);
        Assert.Empty((await (await api.Client().GetAsync($"/api/v1/links?campaignId={setup.CampaignId}&status=paused")).Expect(HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Empty((await (await api.OtherWorkspace().GetAsync($"/api/v1/links?campaignId={setup.CampaignId}")).Expect(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task Conversions_are_listed_with_their_attribution_and_the_unattributed_ones_can_be_asked_for()
    {
        var setup = await Campaign(1);
        var code = "LIST" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await (await api.Client().PostJson("/api/v1/promo-codes", new { code, campaignId = setup.CampaignId, creatorId = setup.Creators[0] })).Expect(HttpStatusCode.Created);
        var source = "list-" + Guid.NewGuid().ToString("N")[..6];
        var attributed = await (await api.Client().PostJson("/api/v1/conversions",
            new { source, orderId = "A-1", amount = new { amount = 1000, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow, promoCode = code })).Expect(HttpStatusCode.Created);
        var orphan = await (await api.Client().PostJson("/api/v1/conversions",
            new { source, orderId = "A-2", amount = new { amount = 500, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.Created);

        var all = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/conversions?source={source}")).Expect(HttpStatusCode.OK);
        Assert.Equal([(string)orphan["id"]!, (string)attributed["id"]!], all["items"]!.AsArray().Select(x => (string)x!["id"]!));
        var codes = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/promo-codes?campaignId={setup.CampaignId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(code, (string)Assert.Single(codes["items"]!.AsArray())!["code"]!);
        var none = await (await api.Client().GetAsync($"/api/v1/conversions?source={source}&attribution=none")).Expect(HttpStatusCode.OK);
        var single = Assert.Single(none["items"]!.AsArray());
        Assert.False(string.IsNullOrEmpty((string)single!["attributionReason"]!));
        await (await api.Client().GetAsync("/api/v1/conversions?attribution=maybe")).Expect(HttpStatusCode.BadRequest);
    }

    private async Task<long> StoredClicks(string linkId)
    {
        await using var c = await api.Db.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_clicks WHERE link_id = @linkId", new { linkId });
    }

    private async Task WaitForClicks(string linkId, long expected)
    {
        for (var i = 0; i < 600 && await StoredClicks(linkId) < expected; i++)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_link_adds_utm_parameters_keeps_the_others_and_redirects_with_a_click_id()
    {
        var setup = await Campaign(1);
        var link = await Link(setup.CampaignId, setup.Deliverables[0].Id);
        var destination = (string)link["destination"]!;
        Assert.Contains("ref=insta", destination, StringComparison.Ordinal);
        Assert.Contains("utm_source=instagram", destination, StringComparison.Ordinal);
        Assert.Contains("utm_medium=influencer", destination, StringComparison.Ordinal);
        Assert.Contains($"utm_content={setup.Deliverables[0].Id}", destination, StringComparison.Ordinal);
        Assert.DoesNotContain("utm_source=old", destination, StringComparison.Ordinal);
        Assert.EndsWith("#top", destination, StringComparison.Ordinal);

        var client = api.Visitor();
        var request = new HttpRequestMessage(HttpMethod.Get, (string)link["shortUrl"]!);
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Instagram 300.0");
        request.Headers.Referrer = new Uri("https://l.instagram.com/");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("https://shop.example.com/serum?", location, StringComparison.Ordinal);
        Assert.Matches("icid=ck_[0-9A-Z]{26}#top$", location);

        var bot = new HttpRequestMessage(HttpMethod.Get, (string)link["shortUrl"]!);
        bot.Headers.UserAgent.ParseAdd("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(bot)).StatusCode);

        var linkId = (string)link["id"]!;
        await WaitForClicks(linkId, 2);
        await using var c = await api.Db.OpenAsync();
        var rows = (await c.QueryAsync<(object IpHash, bool IsBot, string? Referrer)>("SELECT ip_hash, is_bot, referrer FROM perf_clicks WHERE link_id = @linkId ORDER BY clicked_at", new { linkId })).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal([false, true], rows.Select(r => r.IsBot));
        // A 32-byte hash: bytes on SQLite, hex text on SQL Server.
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.IpHash is byte[] bytes ? Convert.ToHexStringLower(bytes) : ((string)r.IpHash).Trim()));
        Assert.Equal("https://l.instagram.com/", rows[0].Referrer);
        var daily = await c.QuerySingleAsync<(long Clicks, long Human)>("SELECT clicks, human_clicks FROM perf_link_daily WHERE link_id = @linkId", new { linkId });
        Assert.Equal((2L, 1L), daily);
        // No address anywhere: every stored hash is 32 bytes (SQLite) or their 64 hex characters (SQL Server).
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>(api.Db.Provider == DatabaseProvider.SqlServer
            ? "SELECT COUNT(*) FROM perf_clicks WHERE ip_hash LIKE '%[^0-9a-f]%'"
            : "SELECT COUNT(*) FROM perf_clicks WHERE typeof(ip_hash) <> 'blob' OR length(ip_hash) <> 32"));
    }

    [Theory]
    [InlineData("ftp://shop.example.com/x")]
    [InlineData("https://user:secret@shop.example.com/x")]
    [InlineData("http://localhost:8080/admin")]
    [InlineData("http://127.0.0.1/x")]
    [InlineData("http://10.1.2.3/x")]
    [InlineData("http://192.168.0.10/x")]
    [InlineData("http://[::1]/x")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://intranet/x")]
    [InlineData("not a url")]
    public async Task Unsafe_destinations_are_refused(string destination)
    {
        var setup = await Campaign(1);
        var problem = await (await api.Client().PostJson("/api/v1/links", new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[0].Id, destination }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("destination"));
    }

    [Fact]
    public async Task Codes_are_unique_links_pause_and_expire_and_destination_changes_are_kept()
    {
        var setup = await Campaign(1);
        var code = "serum" + Guid.NewGuid().ToString("N")[..6];
        var link = await Link(setup.CampaignId, setup.Deliverables[0].Id, code: code);
        Assert.Equal($"http://localhost/r/{code}", (string)link["shortUrl"]!); // absolute on the request's host without PublicBaseUrl
        await (await api.Client().PostJson("/api/v1/links", new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[1].Id, destination = "https://shop.example.com", code }))
            .Expect(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Visitor().GetAsync("/r/nope" + code)).StatusCode);

        var id = (string)link["id"]!;
        var etag = (await api.Client().GetAsync($"/api/v1/links/{id}")).ETag();
        await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/links/{id}", new { status = "paused" })).Expect(HttpStatusCode.PreconditionRequired);
        var paused = await api.Client().Send(HttpMethod.Patch, $"/api/v1/links/{id}", new { status = "paused" }, ifMatch: etag);
        await paused.Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Gone, (await api.Visitor().GetAsync($"/r/{code}")).StatusCode);

        var moved = await api.Client().Send(HttpMethod.Patch, $"/api/v1/links/{id}", new { status = "active", destination = "https://shop.example.com/new-serum" }, ifMatch: paused.ETag());
        await moved.Expect(HttpStatusCode.OK);
        var redirect = await api.Visitor().GetAsync($"/r/{code}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("https://shop.example.com/new-serum?utm_source=instagram", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
        var read = await (await api.Client().GetAsync($"/api/v1/links/{id}")).Expect(HttpStatusCode.OK);
        Assert.Contains("/serum?ref=insta", (string)read["history"]![0]!["destination"]!, StringComparison.Ordinal);

        await (await api.Client().Send(HttpMethod.Patch, $"/api/v1/links/{id}", new { expiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) }, ifMatch: moved.ETag())).Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Gone, (await api.Visitor().GetAsync($"/r/{code}")).StatusCode);
        await (await api.OtherWorkspace().GetAsync($"/api/v1/links/{id}")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Conversions_are_idempotent_and_attributed_by_promo_code_first_then_by_click()
    {
        var setup = await Campaign(2);
        var (d1, creator1, _) = setup.Deliverables[0];
        var (d3, creator2, _) = setup.Deliverables[2];
        var code = "LEA" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        await (await api.Client().PostJson("/api/v1/promo-codes", new { code, campaignId = setup.CampaignId, creatorId = creator1, deliverableId = d1 })).Expect(HttpStatusCode.Created);
        await (await api.Client().PostJson("/api/v1/promo-codes", new { code, campaignId = setup.CampaignId, creatorId = creator2 })).Expect(HttpStatusCode.Conflict);

        var link = await Link(setup.CampaignId, d3);
        var redirect = await api.Visitor().GetAsync((string)link["shortUrl"]!);
        var clickId = System.Text.RegularExpressions.Regex.Match(redirect.Headers.Location!.ToString(), "icid=(ck_[0-9A-Z]+)").Groups[1].Value;
        await WaitForClicks((string)link["id"]!, 1);

        var order = new { source = "shopify", orderId = "A-" + Guid.NewGuid().ToString("N")[..8], amount = new { amount = 5_990, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow, promoCode = code.ToLowerInvariant(), clickId };
        var first = await api.Client(Roles.Integration).PostJson("/api/v1/conversions", order);
        var conversion = await first.Expect(HttpStatusCode.Created);
        Assert.Equal("promo_code", (string)conversion["attribution"]!);
        Assert.Equal(d1, (string)conversion["deliverableId"]!);
        var again = await (await api.Client(Roles.Integration).PostJson("/api/v1/conversions", order)).Expect(HttpStatusCode.OK);
        Assert.Equal((string)conversion["id"]!, (string)again["id"]!);
        await (await api.Client(Roles.Integration).PostJson("/api/v1/conversions", order with { amount = new { amount = 1, currency = "EUR" } })).Expect(HttpStatusCode.Conflict);

        var byClick = await (await api.Client().PostJson("/api/v1/conversions", new { source = "shopify", orderId = "B-" + Guid.NewGuid().ToString("N")[..8], amount = new { amount = 2_500, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow, clickId }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("click", (string)byClick["attribution"]!);
        Assert.Equal(d3, (string)byClick["deliverableId"]!);
        Assert.Contains(clickId, (string)byClick["attributionReason"]!, StringComparison.Ordinal);

        var late = await (await api.Client().PostJson("/api/v1/conversions", new { source = "shopify", orderId = "C-" + Guid.NewGuid().ToString("N")[..8], amount = new { amount = 100, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow.AddDays(31), clickId }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("none", (string)late["attribution"]!);
        Assert.Contains("window", (string)late["attributionReason"]!, StringComparison.Ordinal);
        var unknown = await (await api.Client().PostJson("/api/v1/conversions", new { source = "ga4", orderId = "D-1", amount = new { amount = 100, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow, promoCode = "NOPE" }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("none", (string)unknown["attribution"]!);
        await (await api.Client().PostJson("/api/v1/conversions", new { source = "", orderId = "", amount = new { amount = -1, currency = "EURO" } })).Expect(HttpStatusCode.BadRequest);

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_conversions WHERE order_id = @orderId", new { order.orderId }));
    }

    [Fact]
    public async Task A_campaign_can_set_its_own_attribution_window()
    {
        var setup = await Campaign(1);
        var campaignUrl = $"/api/v1/campaigns/{setup.CampaignId}";
        var etag = (await api.Client().GetAsync(campaignUrl)).ETag();
        await (await api.Client().Send(HttpMethod.Patch, campaignUrl, new { attributionWindowDays = 400 }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        var patched = await (await api.Client().Send(HttpMethod.Patch, campaignUrl, new { attributionWindowDays = 7 }, ifMatch: etag)).Expect(HttpStatusCode.OK);
        Assert.Equal(7, (int)patched["attributionWindowDays"]!);

        var link = await Link(setup.CampaignId, setup.Deliverables[0].Id);
        var redirect = await api.Visitor().GetAsync((string)link["shortUrl"]!);
        var clickId = System.Text.RegularExpressions.Regex.Match(redirect.Headers.Location!.ToString(), "icid=(ck_[0-9A-Z]+)").Groups[1].Value;
        await WaitForClicks((string)link["id"]!, 1);

        async Task<JsonNode> Order(int daysLater) => await (await api.Client().PostJson("/api/v1/conversions",
            new { source = "shop", orderId = Guid.NewGuid().ToString(), amount = new { amount = 1000, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow.AddDays(daysLater), clickId }))
            .Expect(HttpStatusCode.Created);

        Assert.Equal("click", (string)(await Order(6))["attribution"]!);
        var late = await Order(8);
        Assert.Equal("none", (string)late["attribution"]!);
        Assert.Contains("7-day", (string)late["attributionReason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_by_api_and_csv_keep_history_and_the_latest_counts()
    {
        var setup = await Campaign(1);
        var d = setup.Deliverables[0].Id;
        var url = $"/api/v1/performance/campaigns/{setup.CampaignId}/engagement-snapshots";
        var stored = await (await api.Client(Roles.Integration).PostJson(url, new object[]
        {
            new { deliverableId = d, capturedAt = DateTimeOffset.UtcNow.AddDays(-2), reach = 1000, impressions = 1500, likes = 50, comments = 5, shares = 2, saves = 3 },
            new { deliverableId = "dlv_nope", capturedAt = DateTimeOffset.UtcNow, reach = 1 },
            new { deliverableId = d, capturedAt = DateTimeOffset.UtcNow.AddDays(1), reach = 1 },
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (int)stored["stored"]!);
        Assert.Equal([2, 3], stored["rejected"]!.AsArray().Select(r => (int)r!["row"]!));

        var csv = $"deliverableId,capturedAt,views,reach,impressions,likes,comments,shares,saves\n{d},{DateTimeOffset.UtcNow.AddHours(-1):O},4000,2000,3000,100,10,5,5\n";
        var imported = await (await api.Client().PostRaw($"{url}/import", csv, "text/csv")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (int)imported["stored"]!);
        Assert.Equal(1, (int)(await (await api.Client().PostRaw($"{url}/import", csv, "text/csv")).Json())["alreadyKnown"]!);
        await (await api.Client().PostRaw($"{url}/import", "deliverableId,capturedAt,reach\nx,yesterday,1\n", "text/csv")).Expect(HttpStatusCode.BadRequest);

        // The history, latest capture first, paged.
        var first = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/performance/engagement-snapshots?deliverableId={d}&limit=1")).Expect(HttpStatusCode.OK);
        Assert.Equal(2000, (long)first["items"]![0]!["reach"]!);
        var second = await (await api.Client(Roles.Viewer).GetAsync(
            $"/api/v1/performance/engagement-snapshots?deliverableId={d}&limit=1&cursor={Uri.EscapeDataString((string)first["nextCursor"]!)}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1000, (long)second["items"]![0]!["reach"]!);
        Assert.Null((string?)second["nextCursor"]);
        Assert.Empty((await (await api.OtherWorkspace().GetAsync($"/api/v1/performance/engagement-snapshots?deliverableId={d}")).Expect(HttpStatusCode.OK))["items"]!.AsArray());

        var report = await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}?groupBy=deliverable")).Expect(HttpStatusCode.OK);
        var row = report["rows"]!.AsArray().Single(r => (string)r!["key"]! == d)!;
        Assert.Equal(2000, (long)row["reach"]!);
        Assert.Equal(120, (long)row["engagements"]!);
        Assert.Equal(6m, (decimal)row["engagementRate"]!);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_engagement_snapshots WHERE deliverable_id = @d", new { d }));
    }

    [Fact]
    public async Task The_report_equals_an_independent_computation_over_random_data()
    {
        var setup = await Campaign(3, fee: 90_000);
        var random = new Random(20261122);
        var links = new List<(string LinkId, string DeliverableId, string CreatorId, string Platform)>();
        foreach (var (id, creator, platform) in setup.Deliverables)
        {
            links.Add(((string)(await Link(setup.CampaignId, id))["id"]!, id, creator, platform));
        }

        var ws = api.MainWorkspaceId;
        var clicks = new List<ClickEvent>();
        var clickIds = api.Services.GetRequiredService<ClickIds>();
        for (var i = 0; i < 600; i++)
        {
            var l = links[random.Next(links.Count)];
            var day = random.Next(0, 10);
            clicks.Add(new ClickEvent(await clickIds.NextAsync(), l.LinkId, ws, setup.CampaignId, DateTimeOffset.UtcNow.Date.AddDays(-day).AddMinutes(random.Next(0, 1400)),
                new VisitorHash((ulong)random.Next(0, 40), 0, 0, 0), "ua", null, random.Next(5) == 0));
        }

        var pipeline = api.Services.GetRequiredService<ClickPipeline>();
        foreach (var chunk in clicks.Chunk(97))
        {
            await pipeline.WriteBatchAsync(chunk, CancellationToken.None);
        }

        var snapshots = setup.Deliverables.Select(d => (d.Id, Reach: (long)random.Next(1000, 50000), Impressions: (long)random.Next(1000, 90000), Likes: (long)random.Next(0, 900), Comments: (long)random.Next(0, 90))).ToList();
        await (await api.Client().PostJson($"/api/v1/performance/campaigns/{setup.CampaignId}/engagement-snapshots",
            snapshots.Select(s => new { deliverableId = s.Id, capturedAt = DateTimeOffset.UtcNow.AddHours(-1), reach = s.Reach, impressions = s.Impressions, likes = s.Likes, comments = s.Comments }).ToArray()))
            .Expect(HttpStatusCode.OK);
        var orders = new List<(string CreatorId, long Amount)>();
        foreach (var l in links.Take(4))
        {
            var code = "R" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            await (await api.Client().PostJson("/api/v1/promo-codes", new { code, campaignId = setup.CampaignId, creatorId = l.CreatorId, deliverableId = l.DeliverableId })).Expect(HttpStatusCode.Created);
            var amount = (long)random.Next(1000, 20000);
            await (await api.Client().PostJson("/api/v1/conversions", new { source = "shop", orderId = Guid.NewGuid().ToString(), amount = new { amount, currency = "EUR" }, occurredAt = DateTimeOffset.UtcNow.AddHours(-2), promoCode = code }))
                .Expect(HttpStatusCode.Created);
            orders.Add((l.CreatorId, amount));
        }

        var report = await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}?from={Day(-9)}&to={Day(0)}&groupBy=creator")).Expect(HttpStatusCode.OK);
        foreach (var creator in setup.Creators)
        {
            var row = report["rows"]!.AsArray().Single(r => (string)r!["key"]! == creator)!;
            var own = clicks.Where(c => links.Single(l => l.LinkId == c.LinkId).CreatorId == creator).ToList();
            Assert.Equal(own.Count, (long)row["clicks"]!);
            Assert.Equal(own.Count(c => !c.IsBot), (long)row["humanClicks"]!);
            Assert.Equal(own.Where(c => !c.IsBot).Select(c => (c.LinkId, c.ClickedAt.UtcDateTime.Date, c.Visitor)).Distinct().Count(), (long)row["uniqueVisitors"]!);
            var ownSnapshots = snapshots.Where(s => setup.Deliverables.Single(d => d.Id == s.Id).CreatorId == creator).ToList();
            var impressions = ownSnapshots.Sum(s => s.Impressions);
            var reach = ownSnapshots.Sum(s => s.Reach);
            var engagements = ownSnapshots.Sum(s => s.Likes + s.Comments);
            Assert.Equal(impressions, (long)row["impressions"]!);
            Assert.Equal(Math.Round((decimal)engagements / reach * 100, 4), (decimal)row["engagementRate"]!);
            Assert.Equal(Math.Round((decimal)own.Count / impressions * 100, 4), (decimal)row["ctr"]!);
            var revenue = orders.Where(o => o.CreatorId == creator).Sum(o => o.Amount);
            Assert.Equal(revenue, (long)row["revenue"]!);
            Assert.Equal(90_000, (long)row["cost"]!);
            Assert.Equal(Math.Round(90_000m / own.Count, 4), (decimal)row["cpc"]!);
            Assert.Equal(revenue == 0 ? 0 : Math.Round(revenue / 90_000m, 4), (decimal)row["roas"]!);
            var emv = ownSnapshots.Sum(s => Math.Round(s.Impressions * (setup.Deliverables.Single(d => d.Id == s.Id).Platform == "instagram" ? 1000m : 800m) / 1000m + (s.Likes + s.Comments) * 10m, MidpointRounding.AwayFromZero));
            Assert.Equal((long)emv, (long)row["emv"]!);
        }

        Assert.Equal(clicks.Count, (long)report["totals"]!["clicks"]!);
        var clicksObjective = report["objectives"]!.AsArray().Single(o => (string)o!["kpi"]! == "clicks")!;
        Assert.Equal(clicks.Count, (decimal)clicksObjective["actual"]!);
        Assert.Equal(Math.Round(clicks.Count / 1000m, 4), (decimal)clicksObjective["progress"]!);
        var salesObjective = report["objectives"]!.AsArray().Single(o => (string)o!["kpi"]! == "sales")!;
        Assert.Equal(Math.Round(orders.Count / 10m, 4), (decimal)salesObjective["progress"]!);
        var byDay = await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}?from={Day(-9)}&to={Day(0)}&groupBy=day")).Expect(HttpStatusCode.OK);
        foreach (var row in byDay["rows"]!.AsArray())
        {
            var day = DateTime.Parse((string)row!["key"]!, CultureInfo.InvariantCulture).Date;
            Assert.Equal(clicks.Count(c => c.ClickedAt.UtcDateTime.Date == day), (long)row["clicks"]!);
        }

        var csv = await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}.csv?from={Day(-9)}&to={Day(0)}&groupBy=platform")).Content.ReadAsStringAsync();
        Assert.StartsWith("platform,name,clicks,human_clicks", csv, StringComparison.Ordinal);
        Assert.Contains($"\r\ntotal,total,{clicks.Count},", csv, StringComparison.Ordinal);
        await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}?groupBy=month")).Expect(HttpStatusCode.BadRequest);
        await (await api.OtherWorkspace().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}")).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class PerformanceApiOnSqlite(SqliteApiFixture api) : PerformanceApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class PerformanceApiOnSqlServer(SqlServerApiFixture api) : PerformanceApiTests(api), IClassFixture<SqlServerApiFixture>;
