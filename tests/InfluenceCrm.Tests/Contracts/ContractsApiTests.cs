using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts;

/// <summary>Contracts end to end over HTTP, on SQLite and on SQL Server where one answers.</summary>
public abstract class ContractsApiTests(ApiFixture api)
{
    private const string Contracts = "/api/v1/contracts";
    private const string Sha = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static JsonObject Party(string name, string? establishedIn = null) => new()
    {
        ["legalName"] = name,
        ["postalAddress"] = "1 rue de la Paix, 75002 Paris",
        ["email"] = "legal@example.com",
        ["taxResidenceCountry"] = "FR",
        ["establishedIn"] = establishedIn,
    };

    /// <summary>Terms that satisfy French law.</summary>
    internal static JsonObject CompleteTerms(long fee = 80_000, string currency = "EUR", JsonArray? milestones = null) => new()
    {
        ["brand"] = Party("Acme Beauty SAS"),
        ["creator"] = Party("Léa Martin", establishedIn: "FR"),
        ["missions"] = new JsonArray(new JsonObject { ["description"] = "One Instagram reel presenting the serum" }),
        ["remuneration"] = new JsonObject { ["fee"] = new JsonObject { ["amount"] = fee, ["currency"] = currency }, ["paymentTerms"] = "30 days" },
        ["milestones"] = milestones ?? new JsonArray(
            new JsonObject { ["label"] = "On signature", ["amount"] = new JsonObject { ["amount"] = fee / 2, ["currency"] = currency }, ["dueOn"] = Day(-5) },
            new JsonObject { ["label"] = "On publication", ["amount"] = new JsonObject { ["amount"] = fee - (fee / 2), ["currency"] = currency }, ["dueOn"] = Day(20) }),
        ["usageRights"] = new JsonArray(new JsonObject
        {
            ["rights"] = new JsonArray("reproduction", "public_display"),
            ["channels"] = new JsonArray("organic_social", "paid_social"),
            ["territories"] = new JsonArray("FR"),
            ["startsOn"] = Day(0),
            ["endsOn"] = Day(365),
            ["modificationAllowed"] = false,
            ["attributionRequired"] = true,
            ["purpose"] = "The serum launch campaign",
        }),
        ["disclosure"] = new JsonObject { ["wording"] = "Publicité", ["placement"] = "first line and on the video" },
        ["governingLaw"] = "FR",
        ["intellectualProperty"] = "The creator keeps authorship; the brand receives the usage rights listed, nothing more.",
        ["productCategory"] = "other",
        ["startsOn"] = Day(0),
    };

    private async Task<string> CreateCreator(string name, object? extra = null)
    {
        var body = new JsonObject { ["displayName"] = name };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra, System.Text.Json.JsonSerializerOptions.Web))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }

        return (string)(await (await api.Client().PostJson("/api/v1/creators", body)).Expect(HttpStatusCode.Created))["id"]!;
    }

    private async Task<(string Id, string ETag, JsonNode Body)> CreateContract(string creatorId, JsonObject terms, string? campaignId = null, string role = Roles.Legal)
    {
        var response = await api.Client(role).PostJson(Contracts, new JsonObject
        {
            ["creatorId"] = creatorId,
            ["campaignId"] = campaignId,
            ["title"] = "Serum launch – Instagram",
            ["terms"] = terms.DeepClone(),
        });
        var body = await response.Expect(HttpStatusCode.Created);
        return ((string)body["id"]!, response.ETag(), body);
    }

    private async Task<string> Move(string id, string etag, string status, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/status", new { status }, ifMatch: etag);
        await response.Expect(expected);
        return expected == HttpStatusCode.OK ? response.ETag() : etag;
    }

    private async Task<(string Id, string ETag)> SignedContract(string creatorId, JsonObject terms, string? campaignId = null)
    {
        var (id, etag, _) = await CreateContract(creatorId, terms, campaignId);
        etag = await Move(id, etag, "sent");
        var signed = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/signature",
            new { documentUri = "https://docs.example.com/contracts/1.pdf", sha256 = Sha, signedAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, ifMatch: etag);
        await signed.Expect(HttpStatusCode.OK);
        return (id, signed.ETag());
    }

    [Fact]
    public async Task A_draft_is_created_for_a_workspace_creator_with_its_milestones()
    {
        var creator = await CreateCreator("Contract Creator");
        var (id, etag, body) = await CreateContract(creator, CompleteTerms());
        Assert.StartsWith("ctr_", id);
        Assert.Equal("\"1\"", etag);
        Assert.Equal("draft", (string)body["status"]!);
        Assert.Equal(1, (int)body["termsVersion"]!);
        Assert.Equal(2, body["milestones"]!.AsArray().Count);
        Assert.StartsWith("ms_", (string)body["milestones"]![0]!["id"]!);
        Assert.Equal("Publicité", (string)body["terms"]!["disclosure"]!["wording"]!);

        await (await api.Client(Roles.Brand).GetAsync($"{Contracts}/{id}")).Expect(HttpStatusCode.OK);
        await (await api.Client(Roles.Viewer).GetAsync($"{Contracts}/{id}")).Expect(HttpStatusCode.Forbidden);
        await (await api.Client(Roles.Integration).PostJson(Contracts, new { creatorId = creator, title = "x", terms = new { } })).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().GetAsync($"{Contracts}/{id}")).Expect(HttpStatusCode.NotFound);
        var list = await (await api.Client().GetAsync($"{Contracts}?creatorId={creator}")).Expect(HttpStatusCode.OK);
        Assert.Equal([id], list["items"]!.AsArray().Select(c => (string)c!["id"]!));
    }

    [Fact]
    public async Task Bad_references_and_terms_answer_400_naming_the_field()
    {
        var creator = await CreateCreator("Bad Terms");
        var missing = await (await api.Client().PostJson(Contracts, new { creatorId = "cr_nobody", campaignId = "cmp_nobody", title = "x", terms = new { } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.True(missing["errors"]!.AsObject().ContainsKey("creatorId"));
        Assert.True(missing["errors"]!.AsObject().ContainsKey("campaignId"));

        var terms = CompleteTerms();
        terms["remuneration"]!["fee"]!["currency"] = "EURO";
        terms["usageRights"]![0]!["channels"] = new JsonArray("billboards");
        terms["usageRights"]![0]!["territories"] = new JsonArray("Europe");
        terms["governingLaw"] = "France";
        terms["productCategory"] = "vapes";
        var problem = await (await api.Client().PostJson(Contracts, new JsonObject { ["creatorId"] = creator, ["title"] = "x", ["terms"] = terms }))
            .Expect(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "terms.remuneration.fee.currency", "terms.usageRights[0].channels[0]", "terms.usageRights[0].territories[0]", "terms.governingLaw", "terms.productCategory" })
        {
            Assert.True(errors.ContainsKey(field), $"errors lacks {field}: {errors.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Compliance_lists_what_a_french_contract_lacks_with_rule_and_source()
    {
        var creator = await CreateCreator("Compliance Creator");
        var (id, _, _) = await CreateContract(creator, new JsonObject
        {
            ["brand"] = new JsonObject { ["legalName"] = "Acme" },
            ["creator"] = new JsonObject { ["establishedIn"] = "FR" },
            ["remuneration"] = new JsonObject { ["fee"] = new JsonObject { ["amount"] = 150_000, ["currency"] = "EUR" } },
            ["governingLaw"] = "FR",
            ["productCategory"] = "gambling",
            ["usageRights"] = new JsonArray(new JsonObject { ["channels"] = new JsonArray("website") }),
        });
        var report = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.False((bool)report["compliant"]!);
        Assert.True((bool)report["frenchLawApplies"]!);
        Assert.True((bool)report["writtenContractMandatory"]!); // EUR 1,500 with this contract
        var findings = report["findings"]!.AsArray().ToDictionary(f => (string)f!["rule"]!, f => f!);
        Assert.Equal(["FR-CONTRACT-IP", "FR-CONTRACT-MISSIONS", "FR-CONTRACT-PARTIES", "FR-CONTRACT-USAGE-RIGHTS-SCOPE", "FR-GAMBLING"], findings.Keys.Order());
        Assert.Contains("brand.postalAddress", (string)findings["FR-CONTRACT-PARTIES"]["message"]!, StringComparison.Ordinal);
        Assert.Contains("creator.legalName", (string)findings["FR-CONTRACT-PARTIES"]["message"]!, StringComparison.Ordinal);
        Assert.Equal("error", (string)findings["FR-CONTRACT-IP"]["severity"]!);
        Assert.Equal("warning", (string)findings["FR-GAMBLING"]["severity"]!);
        Assert.Contains("2023-451", (string)findings["FR-CONTRACT-MISSIONS"]["source"]!, StringComparison.Ordinal);
        Assert.Contains("purpose", (string)findings["FR-CONTRACT-USAGE-RIGHTS-SCOPE"]["message"]!, StringComparison.Ordinal);

        var (complete, _, _) = await CreateContract(creator, CompleteTerms());
        var ok = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{complete}/compliance")).Expect(HttpStatusCode.OK);
        Assert.True((bool)ok["compliant"]!);
        Assert.Empty(ok["findings"]!.AsArray());
        Assert.Contains("FR-CONTRACT-IP", ok["rulesApplied"]!.AsArray().Select(r => (string)r!));
    }

    [Theory]
    [InlineData("cosmetic_surgery", "FR-BANNED-CATEGORY")]
    [InlineData("unregistered_crypto", "FR-BANNED-CATEGORY")]
    [InlineData("sports_betting_tips", "FR-BANNED-CATEGORY")]
    public async Task A_category_banned_in_france_is_an_error_and_blocks_signature(string category, string rule)
    {
        var terms = CompleteTerms();
        terms["productCategory"] = category;
        var (id, etag, _) = await CreateContract(await CreateCreator("Banned " + category), terms);
        var report = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.Contains(report["findings"]!.AsArray(), f => (string)f!["rule"]! == rule && (string)f["severity"]! == "error");
        etag = await Move(id, etag, "sent");
        var refused = await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/signature",
            new { documentUri = "https://docs.example.com/x.pdf", sha256 = Sha, signedAt = DateTimeOffset.UtcNow }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains(refused["findings"]!.AsArray(), f => (string)f!["rule"]! == rule);
    }

    [Fact]
    public async Task A_minor_needs_signed_legal_representatives()
    {
        var minor = await CreateCreator("Young Creator", new { birthDate = Day(-365 * 14) });
        var (id, etag, _) = await CreateContract(minor, CompleteTerms());
        var report = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.Contains(report["findings"]!.AsArray(), f => (string)f!["rule"]! == "FR-MINOR-REPRESENTATIVES");

        var patched = await api.Client(Roles.Legal).Send(HttpMethod.Patch, $"{Contracts}/{id}",
            """{"terms":{"legalRepresentatives":[{"fullName":"Parent One","relationship":"parent","signed":true},{"fullName":"Parent Two","relationship":"parent","signed":true}]}}""",
            ifMatch: etag, contentType: "application/merge-patch+json");
        await patched.Expect(HttpStatusCode.OK);
        var after = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.True((bool)after["compliant"]!);
    }

    [Fact]
    public async Task The_lifecycle_is_enforced_and_a_signed_contract_changes_only_by_amendment()
    {
        var creator = await CreateCreator("Lifecycle Creator");
        var (id, etag, _) = await CreateContract(creator, CompleteTerms());
        var url = $"{Contracts}/{id}";

        await Move(id, etag, "active", HttpStatusCode.Conflict);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/status", new { status = "signed" }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/status", new { status = "sent" })).Expect(HttpStatusCode.PreconditionRequired);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/status", new { status = "sent" }, ifMatch: "\"5\"")).Expect(HttpStatusCode.PreconditionFailed);
        etag = await Move(id, etag, "sent");
        await (await api.Client().Send(HttpMethod.Patch, url, new { title = "Edited while sent" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        await (await api.Client().Send(HttpMethod.Post, $"{url}/signature", new { documentUri = "not a uri", sha256 = "abc", signedAt = DateTimeOffset.UtcNow }, ifMatch: etag))
            .Expect(HttpStatusCode.BadRequest);
        var signed = await api.Client().Send(HttpMethod.Post, $"{url}/signature",
            new { documentUri = "https://docs.example.com/contracts/1.pdf", sha256 = Sha, signedAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, ifMatch: etag);
        var body = await signed.Expect(HttpStatusCode.OK);
        Assert.Equal("signed", (string)body["status"]!);
        Assert.Equal(Sha, (string)body["signedDocument"]!["sha256"]!);
        etag = signed.ETag();

        var edit = await (await api.Client().Send(HttpMethod.Patch, url, new { title = "Sneaky edit" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("amendment", (string)edit["detail"]!, StringComparison.Ordinal);
        etag = await Move(id, etag, "active");
        etag = await Move(id, etag, "completed");
        var final = await (await api.Client().Send(HttpMethod.Post, $"{url}/status", new { status = "active" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("final", (string)final["detail"]!, StringComparison.Ordinal);

        await using var c = await api.Db.OpenAsync();
        var actions = (await c.QueryAsync<string>("SELECT action FROM platform_audit_log WHERE entity_id = @id ORDER BY occurred_at, id", new { id })).ToList();
        Assert.Equal(["contract.created", "contract.sent", "contract.signed", "contract.active", "contract.completed"], actions);
    }

    [Fact]
    public async Task An_amendment_is_a_new_version_and_the_old_terms_stay_readable()
    {
        var (id, etag) = await SignedContract(await CreateCreator("Amended Creator"), CompleteTerms(fee: 80_000));
        var url = $"{Contracts}/{id}";
        await (await api.Client().PostJson($"{url}/milestones/{(string)(await (await api.Client().GetAsync(url)).Json())["milestones"]![0]!["id"]!}/payment",
            new { paidAt = DateTimeOffset.UtcNow.AddDays(-1), reference = "VIR-2026-001" })).Expect(HttpStatusCode.OK);
        etag = (await api.Client().GetAsync(url)).ETag();

        await (await api.Client().Send(HttpMethod.Post, $"{url}/amendments", new { terms = new { } }, ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        var changesPaid = new JsonObject
        {
            ["reason"] = "Change the first milestone",
            ["terms"] = new JsonObject { ["milestones"] = new JsonArray(new JsonObject { ["label"] = "On signature", ["amount"] = new JsonObject { ["amount"] = 1, ["currency"] = "EUR" }, ["dueOn"] = Day(-5) }) },
        };
        await (await api.Client().Send(HttpMethod.Post, $"{url}/amendments", changesPaid, ifMatch: etag)).Expect(HttpStatusCode.Conflict);

        var amendment = new JsonObject
        {
            ["reason"] = "Second reel added",
            ["sha256"] = Sha.Replace('3', '4'),
            ["documentUri"] = "https://docs.example.com/contracts/1-amendment-1.pdf",
            ["terms"] = new JsonObject
            {
                ["missions"] = new JsonArray(new JsonObject { ["description"] = "One reel" }, new JsonObject { ["description"] = "A second reel" }),
                ["remuneration"] = new JsonObject { ["fee"] = new JsonObject { ["amount"] = 120_000 } },
                ["milestones"] = new JsonArray(
                    new JsonObject { ["label"] = "On signature", ["amount"] = new JsonObject { ["amount"] = 40_000, ["currency"] = "EUR" }, ["dueOn"] = Day(-5) },
                    new JsonObject { ["label"] = "On publication", ["amount"] = new JsonObject { ["amount"] = 80_000, ["currency"] = "EUR" }, ["dueOn"] = Day(25) }),
            },
        };
        var amended = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{url}/amendments", amendment, ifMatch: etag);
        var body = await amended.Expect(HttpStatusCode.OK);
        Assert.Equal(2, (int)body["termsVersion"]!);
        Assert.Equal(120_000, (long)body["terms"]!["remuneration"]!["fee"]!["amount"]!);
        Assert.Equal("EUR", (string)body["terms"]!["remuneration"]!["fee"]!["currency"]!);
        Assert.Equal("30 days", (string)body["terms"]!["remuneration"]!["paymentTerms"]!);
        var milestones = body["milestones"]!.AsArray();
        Assert.NotNull(milestones.Single(m => (string)m!["label"]! == "On signature")!["paidAt"]);
        Assert.Equal(80_000, (long)milestones.Single(m => (string)m!["label"]! == "On publication")!["amount"]!["amount"]!);

        var versions = (await (await api.Client(Roles.Brand).GetAsync($"{url}/versions")).Expect(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal([1, 2], versions.Select(v => (int)v!["version"]!));
        Assert.Equal(80_000, (long)versions[0]!["terms"]!["remuneration"]!["fee"]!["amount"]!);
        Assert.Equal("Second reel added", (string)versions[1]!["reason"]!);
        await (await api.OtherWorkspace().GetAsync($"{url}/versions")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_written_contract_threshold_is_cumulative_over_the_calendar_year()
    {
        var creator = await CreateCreator("Threshold Creator");
        const int year = 2026;
        JsonArray Milestone(string label, long amount, string dueOn, string currency = "EUR") =>
            new(new JsonObject { ["label"] = label, ["amount"] = new JsonObject { ["amount"] = amount, ["currency"] = currency }, ["dueOn"] = dueOn });

        async Task<JsonNode> Ask(int y) =>
            await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/written-contract-requirements?creatorId={creator}&year={y}")).Expect(HttpStatusCode.OK);

        async Task Sent(string creatorId, JsonObject terms)
        {
            var (id, etag, _) = await CreateContract(creatorId, terms);
            await Move(id, etag, "sent"); // a draft does not count until it is sent
        }

        var first = CompleteTerms(fee: 60_000, milestones: Milestone("All", 60_000, "2026-03-01"));
        await Sent(creator, first);
        var answer = await Ask(year);
        Assert.False((bool)answer["writtenContractMandatory"]!);
        Assert.Equal(60_000, (long)answer["total"]!["amount"]!);

        // A second deal of EUR 500 (fee 300 + EUR 200 of products) crosses EUR 1,000 only cumulatively.
        var second = CompleteTerms(fee: 30_000, milestones: Milestone("All", 30_000, "2026-06-01"));
        second["remuneration"]!["inKindValue"] = new JsonObject { ["amount"] = 20_000, ["currency"] = "EUR" };
        second["remuneration"]!["inKindDescription"] = "Skincare set";
        second["startsOn"] = "2026-06-01";
        await Sent(creator, second);
        answer = await Ask(year);
        Assert.True((bool)answer["writtenContractMandatory"]!);
        Assert.Equal(110_000, (long)answer["total"]!["amount"]!);
        Assert.Equal("FR-WRITTEN-CONTRACT-THRESHOLD", (string)answer["rule"]!);
        Assert.Equal(2, answer["contracts"]!.AsArray().Count);

        // Across the year boundary: milestones count in the year they fall due.
        var other = await CreateCreator("Boundary Creator");
        var split = CompleteTerms(fee: 150_000, milestones: new JsonArray(
            new JsonObject { ["label"] = "December", ["amount"] = new JsonObject { ["amount"] = 70_000, ["currency"] = "EUR" }, ["dueOn"] = "2026-12-15" },
            new JsonObject { ["label"] = "January", ["amount"] = new JsonObject { ["amount"] = 80_000, ["currency"] = "EUR" }, ["dueOn"] = "2027-01-15" }));
        split["startsOn"] = "2026-12-01";
        await Sent(other, split);
        var y2026 = await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={other}&year=2026")).Expect(HttpStatusCode.OK);
        var y2027 = await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={other}&year=2027")).Expect(HttpStatusCode.OK);
        Assert.Equal(70_000, (long)y2026["total"]!["amount"]!);
        Assert.False((bool)y2026["writtenContractMandatory"]!);
        Assert.Equal(80_000, (long)y2027["total"]!["amount"]!);

        // Other currencies need the rate written on the contract; without it the answer is "undetermined".
        var dollars = await CreateCreator("Dollar Creator");
        var usd = CompleteTerms(fee: 90_000, currency: "USD", milestones: Milestone("All", 90_000, "2026-04-01", "USD"));
        await Sent(dollars, usd);
        var undetermined = await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={dollars}&year=2026")).Expect(HttpStatusCode.OK);
        Assert.Null(undetermined["writtenContractMandatory"]);
        Assert.Contains("eurRate", (string)undetermined["explanation"]!, StringComparison.Ordinal);
        var withRate = CompleteTerms(fee: 30_000, currency: "USD", milestones: Milestone("All", 30_000, "2026-05-01", "USD"));
        withRate["remuneration"]!["eurRate"] = 0.9;
        await Sent(dollars, withRate);
        var converted = await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={dollars}&year=2026")).Expect(HttpStatusCode.OK);
        Assert.Equal(27_000, (long)converted["total"]!["amount"]!);
        Assert.Null(converted["writtenContractMandatory"]);

        await (await api.Client().GetAsync($"{Contracts}/written-contract-requirements?creatorId={other}")).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_threshold_counts_live_agreements_only_and_warns_of_fees_agreed_on_rosters()
    {
        // Décret 2025-1137: what the advertiser pays or grants in kind under live agreements; a roster fee is a warning.
        var setup = await InfluenceCrm.Tests.Performance.PerformanceApiTests.CampaignAsync(api, 1, fee: 120_000);
        var creator = setup.Creators[0];
        var year = Today.AddDays(-30).Year;
        async Task<JsonNode> Ask() => await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/written-contract-requirements?creatorId={creator}&year={year}")).Expect(HttpStatusCode.OK);

        var before = await Ask();
        Assert.Equal(0, (long)before["total"]!["amount"]!);
        Assert.Equal(120_000, (long)before["agreedOnRosters"]![0]!["fee"]!["amount"]!);
        Assert.Equal("FR-WRITTEN-CONTRACT-ROSTER-FEE", (string)before["findings"]![0]!["rule"]!);
        Assert.Equal("warning", (string)before["findings"]![0]!["severity"]!);

        // An EUR 800 contract terminated before signature with nothing paid does not count; a draft counts once sent.
        var small = CompleteTerms(fee: 80_000);
        small["startsOn"] = Day(-30);
        var (cancelled, cancelledEtag, _) = await CreateContract(creator, small);
        await Move(cancelled, cancelledEtag, "terminated");
        var (draft, draftEtag, _) = await CreateContract(creator, small, setup.CampaignId);
        var after = await Ask();
        Assert.Equal(0, (long)after["total"]!["amount"]!);
        Assert.Equal(new[] { (cancelled, "terminated"), (draft, "draft") }.Order(), after["notCounted"]!.AsArray().Select(c => ((string)c!["contractId"]!, (string)c["status"]!)).Order());
        await Move(draft, draftEtag, "sent");
        var sent = await Ask();
        Assert.Equal(80_000, (long)sent["total"]!["amount"]!);
        Assert.Empty(sent["agreedOnRosters"]!.AsArray()); // the campaign's fee is now under a contract
    }

    [Fact]
    public async Task Below_the_threshold_a_missing_clause_is_a_recommendation_that_does_not_block_signature()
    {
        var creator = await CreateCreator("Small Deal Creator");
        var lone = CompleteTerms(fee: 30_000);
        lone.Remove("intellectualProperty");
        var (id, _, _) = await CreateContract(creator, lone);
        var report = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.True((bool)report["compliant"]!);
        Assert.False((bool)report["writtenContractMandatory"]!);
        var ip = report["findings"]!.AsArray().Single(f => (string)f!["rule"]! == "FR-CONTRACT-IP")!;
        Assert.Equal("warning", (string)ip["severity"]!);
        await SignedContract(creator, lone); // signs

        var big = await CreateCreator("Big Deal Creator");
        var large = CompleteTerms(fee: 150_000);
        large.Remove("intellectualProperty");
        var (bigId, bigEtag, _) = await CreateContract(big, large);
        bigEtag = await Move(bigId, bigEtag, "sent");
        var refused = await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{bigId}/signature",
            new { documentUri = "https://docs.example.com/big.pdf", sha256 = Sha, signedAt = DateTimeOffset.UtcNow }, ifMatch: bigEtag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains(refused["findings"]!.AsArray(), f => (string)f!["rule"]! == "FR-CONTRACT-IP" && (string)f["severity"]! == "error");
    }

    [Fact]
    public async Task At_signature_the_contract_s_usage_rights_become_grants_for_the_creator_s_deliverables()
    {
        var setup = await InfluenceCrm.Tests.Performance.PerformanceApiTests.CampaignAsync(api, 1);
        var creator = setup.Creators[0];
        var deliverable = setup.Deliverables[0].Id;
        async Task<string> Asset(string suffix) => (string)(await (await api.Client(Roles.Integration).PostJson("/api/v1/ugc/assets", new
        {
            sourceUrl = $"https://instagram.com/p/contract{suffix}{Guid.NewGuid():N}",
            platform = "instagram",
            authorHandle = "lea",
            mediaType = "image",
            creatorId = creator,
            deliverableId = deliverable,
        })).Expect(HttpStatusCode.Created))["id"]!;
        async Task<JsonNode> Check(string asset, string channel) => await (await api.Client(Roles.Legal).PostJson("/api/v1/ugc/rights-checks",
            new { assetId = asset, channel, territory = "FR", date = Day(10), modification = false, attribution = true })).Expect(HttpStatusCode.OK);

        var before = await Asset("before");
        Assert.Equal("blocked", (string)(await Check(before, "organic_social"))["verdict"]!);
        await SignedContract(creator, CompleteTerms(), setup.CampaignId);
        var after = await Asset("after");

        foreach (var asset in new[] { before, after })
        {
            var allowed = await Check(asset, "organic_social");
            Assert.Equal("allowed", (string)allowed["verdict"]!);
            var grant = await (await api.Client(Roles.Legal).GetAsync($"/api/v1/ugc/grants/{(string)allowed["grantId"]!}")).Expect(HttpStatusCode.OK);
            Assert.Equal("contract", (string)grant["evidence"]!["kind"]!);
            Assert.Equal(Sha, (string)grant["evidence"]!["textSha256"]!);
            Assert.Equal(["Acme Beauty SAS"], grant["terms"]!["licensees"]!.AsArray().Select(l => (string)l!));
            Assert.Equal("blocked", (string)(await Check(asset, "tv_ctv"))["verdict"]!); // only what the contract grants
        }
    }

    [Fact]
    public async Task Payments_are_recorded_once_and_listed_due_overdue_paid_with_totals()
    {
        var creator = await CreateCreator("Paid Creator");
        var (draft, _, draftBody) = await CreateContract(creator, CompleteTerms());
        await (await api.Client().PostJson($"{Contracts}/{draft}/milestones/{(string)draftBody["milestones"]![0]!["id"]!}/payment",
            new { paidAt = DateTimeOffset.UtcNow, reference = "X" })).Expect(HttpStatusCode.Conflict);

        var (id, _) = await SignedContract(creator, CompleteTerms(fee: 100_000));
        var contract = await (await api.Client().GetAsync($"{Contracts}/{id}")).Json();
        var overdueId = (string)contract["milestones"]!.AsArray().Single(m => (string)m!["label"]! == "On signature")!["id"]!;

        var overdue = await (await api.Client().GetAsync($"{Contracts}/payments?state=overdue&creatorId={creator}")).Expect(HttpStatusCode.OK);
        Assert.Equal([overdueId], overdue["items"]!.AsArray().Select(p => (string)p!["milestoneId"]!));
        var due = await (await api.Client().GetAsync($"{Contracts}/payments?state=due&from={Day(0)}&to={Day(30)}&creatorId={creator}")).Expect(HttpStatusCode.OK);
        Assert.Single(due["items"]!.AsArray());

        var url = $"{Contracts}/{id}/milestones/{overdueId}/payment";
        await (await api.Client().PostJson(url, new { paidAt = DateTimeOffset.UtcNow.AddDays(2), reference = "VIR-1" })).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().PostJson(url, new { paidAt = DateTimeOffset.UtcNow.AddHours(-1), reference = "VIR-1" })).Expect(HttpStatusCode.OK);
        await (await api.Client().PostJson(url, new { paidAt = DateTimeOffset.UtcNow.AddHours(-1), reference = "VIR-1" })).Expect(HttpStatusCode.OK);
        await (await api.Client().PostJson(url, new { paidAt = DateTimeOffset.UtcNow, reference = "VIR-2" })).Expect(HttpStatusCode.Conflict);
        await (await api.OtherWorkspace().PostJson(url, new { paidAt = DateTimeOffset.UtcNow, reference = "VIR-1" })).Expect(HttpStatusCode.NotFound);

        var paid = await (await api.Client().GetAsync($"{Contracts}/payments?state=paid&from={Day(-1)}&to={Day(0)}&creatorId={creator}")).Expect(HttpStatusCode.OK);
        Assert.Equal("VIR-1", (string)paid["items"]![0]!["paymentReference"]!);
        Assert.Empty((await (await api.Client().GetAsync($"{Contracts}/payments?state=overdue&creatorId={creator}")).Json())["items"]!.AsArray());

        var totals = await (await api.Client().GetAsync($"{Contracts}/payments/totals?creatorId={creator}")).Expect(HttpStatusCode.OK);
        var eur = totals["items"]!.AsArray().Single()!;
        Assert.Equal(50_000, (long)eur["paid"]!["amount"]!);
        Assert.Equal(50_000, (long)eur["owed"]!["amount"]!);
        await (await api.Client().GetAsync($"{Contracts}/payments?state=someday")).Expect(HttpStatusCode.BadRequest);

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @id AND action = 'contract.milestone_paid'", new { id }));
    }
}

public sealed class ContractsApiOnSqlite(SqliteApiFixture api) : ContractsApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ContractsApiOnSqlServer(SqlServerApiFixture api) : ContractsApiTests(api), IClassFixture<SqlServerApiFixture>;
