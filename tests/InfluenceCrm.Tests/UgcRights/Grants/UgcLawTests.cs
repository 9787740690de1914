using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.UgcRights;

namespace InfluenceCrm.Tests.UgcRights.Grants;

/// <summary>
/// The UGC rules legal reviewed, rule by rule, each with its source: only the author or a verified rights holder can
/// license (CPI L111-1, L113-1); a grant is for named licensees and a purpose (CPI L131-3); a person's image release has
/// its own scope and can be withdrawn (Code civil, art. 9); a supersession takes effect on a date.
/// </summary>
public sealed class UgcLawTests
{
    private static readonly DateOnly Day = new(2026, 6, 15);

    private static RightsCheck.Grant Grant(Licensor? licensor = null, string[]? licensees = null, string? purpose = null, DateOnly? supersededFrom = null) =>
        new("gr_1", new GrantTerms
        {
            Licensor = licensor ?? new Licensor("Camille Dupont", "camille.d", false),
            Licensees = licensees ?? ["Acme Beauty SAS"],
            Purpose = purpose,
            Rights = ["reproduction", "public_display"],
            Channels = ["organic_social", "website"],
            Territories = ["FR"],
        }, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null, supersededFrom);

    private static RightsCheck.Answer Check(RightsCheck.Grant grant, IReadOnlyList<RightsCheck.Person>? people = null, string channel = "organic_social",
        string territory = "FR", DateOnly? date = null, string? licensee = null, string? purpose = null) =>
        RightsCheck.Evaluate(new RightsCheck.Question(channel, territory, date ?? Day, false, licensee, purpose), [grant], people ?? [], "camille.d");

    // CPI L111-1 and L113-1: the author, or a rights holder whose identity was verified.
    [Theory]
    [InlineData("camille.d", false, "allowed")]   // the author
    [InlineData("@Camille.D", false, "allowed")]  // the author, written otherwise
    [InlineData("agency.x", true, "allowed")]     // someone else, identity verified (a rights holder who proved it)
    [InlineData("agency.x", false, "review")]     // someone else, not verified
    public void Only_the_author_or_a_verified_rights_holder_can_license(string handle, bool verified, string verdict)
    {
        var answer = Check(Grant(new Licensor("Licensor", handle, verified)));
        Assert.Equal(verdict, answer.Verdict);
        if (verdict == "review")
        {
            var reason = Assert.Single(answer.Reasons);
            Assert.Equal("licensor_not_author", reason.Code);
            Assert.Contains("Licensor", reason.Message, StringComparison.Ordinal); // names the licensor
            Assert.Contains("L113-1", reason.Source, StringComparison.Ordinal);
        }
    }

    // CPI L131-3: a grant names its licensees and purpose; a grant to another brand does not clear ours.
    [Theory]
    [InlineData("Acme Beauty SAS", null, "allowed", null)]
    [InlineData("acme beauty sas", null, "allowed", null)]
    [InlineData("Rival Cosmetics", null, "blocked", "licensee_not_granted")]
    [InlineData(null, "Product page", "allowed", null)]                 // the grant's purpose covers it
    [InlineData(null, "TV advertising", "review", "purpose_not_covered")] // another purpose: for a lawyer
    public void The_check_asks_who_uses_the_asset_and_for_what(string? licensee, string? purpose, string verdict, string? code)
    {
        var answer = Check(Grant(purpose: "Product page and brand posts"), licensee: licensee, purpose: purpose);
        Assert.Equal(verdict, answer.Verdict);
        if (code is not null)
        {
            Assert.Contains(answer.Reasons, r => r.Code == code);
        }
    }

    // Code civil, art. 9: the image release has its own channels, territories and period, and can be withdrawn.
    [Theory]
    [InlineData("organic_social", "FR", 0, null)]
    [InlineData("website", "FR", 0, "release_channel_not_covered")]
    [InlineData("organic_social", "BE", 0, "release_territory_not_covered")]
    [InlineData("organic_social", "FR", 170, "release_period_not_covered")]
    public void A_person_s_release_has_its_own_scope(string channel, string territory, int daysLater, string? code)
    {
        var grant = Grant() with { Terms = Grant().Terms with { Territories = ["FR", "BE"] } };
        var person = new RightsCheck.Person("per_1", "Woman in red", false, 2, true, 0,
            new ReleaseScope(["organic_social"], ["FR"], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 1)));
        var answer = Check(grant, [person], channel, territory, Day.AddDays(daysLater));
        Assert.Equal(code is null ? "allowed" : "blocked", answer.Verdict);
        if (code is not null)
        {
            Assert.Equal(code, Assert.Single(answer.Reasons).Code);
        }
    }

    [Fact]
    public void A_withdrawn_release_blocks_from_its_day()
    {
        var person = new RightsCheck.Person("per_1", "Man with a dog", false, 2, true, 0, WithdrawnOn: Day.AddDays(1));
        Assert.Equal("allowed", Check(Grant(), [person]).Verdict);
        var withdrawn = Assert.Single(Check(Grant(), [person], date: Day.AddDays(1)).Reasons);
        Assert.Equal("release_withdrawn", withdrawn.Code);
        Assert.Contains("Code civil, art. 9", withdrawn.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_superseded_grant_covers_until_its_successor_takes_over()
    {
        var grant = Grant(supersededFrom: Day.AddDays(10));
        Assert.Equal("allowed", Check(grant, date: Day.AddDays(9)).Verdict);
        Assert.Equal("superseded", Assert.Single(Check(grant, date: Day.AddDays(10)).Reasons).Code);
    }

    // Code civil, art. 9, 371-1, 372 and 414: a minor's image needs every holder of parental authority, and minority is decided on the day of the
    // use, from the birth date when it is known (it wins over the isMinor flag). Day = 2026-06-15; born 2008-06-20: 18 on 2026-06-20.
    [Theory]
    [InlineData("2008-06-20", false, 0, true, 0, "blocked", "minor_without_guardian_consent")] // the flag says adult; the birth date says 17
    [InlineData("2008-06-20", false, 1, false, 4, "blocked", "minor_without_guardian_consent")] // the day before 18: one parent of two
    [InlineData("2008-06-20", false, 2, false, 0, "allowed", null)]                             // a minor, both parents consented
    [InlineData("2008-06-20", false, 2, false, 5, "review", "came_of_age")]                     // 18 since the photo: the parents' consent is not theirs
    [InlineData("2008-06-20", false, 0, false, 5, "blocked", "person_without_release")]
    [InlineData("2008-06-20", true, 0, true, 5, "allowed", null)]                               // an adult on the day, with their own release
    [InlineData(null, true, 0, true, 5, "blocked", "minor_without_guardian_consent")]           // no birth date: the flag, as before
    public void Minority_is_decided_on_the_day_of_the_use_from_the_birth_date(string? born, bool flag, int consents, bool release, int daysLater,
        string verdict, string? code)
    {
        var birthDate = born is null ? (DateOnly?)null : DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture);
        var person = new RightsCheck.Person("per_1", "Girl on the left", flag, 2, release, consents, BirthDate: birthDate);
        var answer = Check(Grant(), [person], date: Day.AddDays(daysLater));
        Assert.Equal(verdict, answer.Verdict);
        if (code is not null)
        {
            var reason = Assert.Single(answer.Reasons);
            Assert.Equal(code, reason.Code);
            Assert.Equal("per_1", reason.PersonId);
            Assert.Contains("Code civil", reason.Source, StringComparison.Ordinal);
        }
    }

    // CPI L121-1: the author's right to their name is perpetual and inalienable; a grant that requires attribution does not cover a use without
    // it. Not told whether the use credits the author, the check does not assume it: review, naming the requirement.
    [Theory]
    [InlineData(true, true, "allowed", null)]
    [InlineData(true, false, "blocked", "attribution_required")]
    [InlineData(true, null, "review", "attribution_not_stated")]
    [InlineData(false, false, "allowed", null)]
    [InlineData(null, null, "allowed", null)]
    public void A_grant_requiring_attribution_does_not_cover_a_use_without_it(bool? required, bool? attribution, string verdict, string? code)
    {
        var grant = Grant() with { Terms = Grant().Terms with { AttributionRequired = required } };
        var answer = RightsCheck.Evaluate(new RightsCheck.Question("organic_social", "FR", Day, false, Attribution: attribution), [grant], [], "camille.d");
        Assert.Equal(verdict, answer.Verdict);
        if (code is not null)
        {
            var reason = Assert.Single(answer.Reasons);
            Assert.Equal(code, reason.Code);
            Assert.Equal("gr_1", reason.GrantId);
            Assert.Contains("@camille.d", reason.Message, StringComparison.Ordinal); // names the author to credit
            Assert.Contains("L121-1", reason.Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Attribution_not_stated_is_review_but_a_person_without_release_still_blocks()
    {
        var grant = Grant() with { Terms = Grant().Terms with { AttributionRequired = true } };
        var answer = Check(grant, [new RightsCheck.Person("per_1", "Man with a dog", false, 2, false, 0)]);
        Assert.Equal("blocked", answer.Verdict);
        Assert.Equal(["person_without_release"], answer.Reasons.Select(r => r.Code));
    }
}

/// <summary>The evidence rules hold however a grant is recorded, and the new facts travel over HTTP.</summary>
public abstract class UgcLawApiTests(ApiFixture api)
{
    private const string Ugc = "/api/v1/ugc";

    private async Task<string> Asset(string platform, JsonArray? people = null) =>
        (string)(await (await api.Client(Roles.Integration).PostJson($"{Ugc}/assets", new JsonObject
        {
            ["sourceUrl"] = $"https://{platform}.com/p/law{Guid.NewGuid():N}",
            ["platform"] = platform,
            ["authorHandle"] = "camille.d",
            ["mediaType"] = "video",
            ["people"] = people ?? new JsonArray(),
        })).Expect(HttpStatusCode.Created))["id"]!;

    [Theory]
    [InlineData("tiktok", "comment_reply", HttpStatusCode.BadRequest)]
    [InlineData("youtube", "comment_reply", HttpStatusCode.BadRequest)]
    [InlineData("tiktok", "release_form", HttpStatusCode.Created)]
    [InlineData("instagram", "comment_reply", HttpStatusCode.Created)]
    public async Task On_tiktok_and_youtube_a_comment_reply_is_not_consent_however_the_grant_is_recorded(string platform, string kind, HttpStatusCode expected)
    {
        var response = await api.Client(Roles.Legal).PostJson($"{Ugc}/grants", new JsonObject
        {
            ["assetId"] = await Asset(platform),
            ["terms"] = UgcRightsApiTests.Terms(),
            ["evidence"] = UgcRightsApiTests.Evidence(kind),
        });
        var body = await response.Expect(expected);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.NotNull(body["errors"]!["evidence.kind"]);
        }
    }

    [Fact]
    public async Task Consent_dated_before_the_request_is_refused_and_a_release_can_be_withdrawn()
    {
        var asset = await Asset("instagram", new JsonArray(new JsonObject
        {
            ["description"] = "Woman in red",
            ["releaseEvidence"] = "signed form 12",
            ["releaseObtainedAt"] = DateTimeOffset.UtcNow.AddDays(-3),
            ["releaseScope"] = new JsonObject { ["channels"] = new JsonArray("organic_social"), ["territories"] = new JsonArray("FR") },
        }));
        var request = await (await api.Client(Roles.Brand).PostJson($"{Ugc}/rights-requests", new JsonObject
        {
            ["assetId"] = asset,
            ["method"] = "dm",
            ["approvalHashtag"] = "#YesAcme",
            ["proposedTerms"] = UgcRightsApiTests.Terms(),
            ["language"] = "fr",
        })).Expect(HttpStatusCode.Created);
        var id = (string)request["request"]!["id"]!;
        var reply = await (await api.Client()
            .PostJson($"{Ugc}/rights-requests/{id}/replies", new { authorHandle = "camille.d", text = "ok?", receivedAt = DateTimeOffset.UtcNow }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("needs_review", (string)reply["status"]!);
        var etag = (await api.Client().GetAsync($"{Ugc}/rights-requests/{id}")).ETag();
        var early = UgcRightsApiTests.Evidence("dm_reply");
        early["receivedAt"] = DateTimeOffset.UtcNow.AddDays(-2);
        var refused = await (await api.Client(Roles.Legal)
            .Send(HttpMethod.Post, $"{Ugc}/rights-requests/{id}/decision", new JsonObject { ["outcome"] = "granted", ["evidence"] = early },
            ifMatch: etag)).Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(refused["errors"]!["evidence.receivedAt"]);
        var fresh = UgcRightsApiTests.Evidence("dm_reply");
        fresh["receivedAt"] = DateTimeOffset.UtcNow;
        await (await api.Client(Roles.Legal)
            .Send(HttpMethod.Post, $"{Ugc}/rights-requests/{id}/decision", new JsonObject { ["outcome"] = "granted", ["evidence"] = fresh },
            ifMatch: etag)).Expect(HttpStatusCode.OK);

        async Task<JsonNode> Check(string channel, int inDays = 0) => await (await api.Client(Roles.Legal).PostJson($"{Ugc}/rights-checks",
            new
            {
                assetId = asset,
                channel,
                territory = "FR",
                date = UgcRightsApiTests.Day(inDays),
                modification = false,
                licensee = "Acme Beauty SAS",
                attribution = true,
            }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("allowed", (string)(await Check("organic_social"))["verdict"]!);
        Assert.Equal("release_channel_not_covered", (string)(await Check("website"))["reasons"]![0]!["code"]!);

        var person = (string)(await (await api.Client().GetAsync($"{Ugc}/assets/{asset}")).Expect(HttpStatusCode.OK))["asset"]!["people"]![0]!["id"]!;
        var withdrawn = await (await api.Client(Roles.Legal).PostJson($"{Ugc}/assets/{asset}/people/{person}/release-withdrawal",
            new { withdrawnOn = UgcRightsApiTests.Day(5), reason = "She asked us to stop" })).Expect(HttpStatusCode.OK);
        Assert.Equal(UgcRightsApiTests.Day(5), (string)withdrawn["people"]![0]!["releaseWithdrawnOn"]!);
        Assert.Equal("allowed", (string)(await Check("organic_social", 4))["verdict"]!);
        Assert.Equal("release_withdrawn", (string)(await Check("organic_social", 5))["reasons"]![0]!["code"]!);
    }

    [Fact]
    public async Task A_supersession_takes_effect_on_its_date()
    {
        var asset = await Asset("instagram");
        var created = await api.Client(Roles.Legal).PostJson($"{Ugc}/grants", new JsonObject
        {
            ["assetId"] = asset,
            ["terms"] = UgcRightsApiTests.Terms(channels: ["organic_social"]),
            ["evidence"] = UgcRightsApiTests.Evidence(),
        });
        var old = (string)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var etag = (await api.Client().GetAsync($"{Ugc}/grants/{old}")).ETag();
        await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/grants/{old}/supersession", new JsonObject
        {
            ["terms"] = UgcRightsApiTests.Terms(channels: ["website"], startIn: 10),
            ["evidence"] = UgcRightsApiTests.Evidence(),
            ["effectiveOn"] = UgcRightsApiTests.Day(10),
        }, ifMatch: etag)).Expect(HttpStatusCode.Created);

        async Task<string> Verdict(string channel, int inDays) => (string)(await (await api.Client(Roles.Legal).PostJson($"{Ugc}/rights-checks",
            new { assetId = asset, channel, territory = "FR", date = UgcRightsApiTests.Day(inDays), modification = false, attribution = true }))
            .Expect(HttpStatusCode.OK))["verdict"]!;
        Assert.Equal("allowed", await Verdict("organic_social", 9));
        Assert.Equal("blocked", await Verdict("organic_social", 10));
        Assert.Equal("allowed", await Verdict("website", 10));
        var read = await (await api.Client().GetAsync($"{Ugc}/grants/{old}")).Expect(HttpStatusCode.OK);
        Assert.Equal(UgcRightsApiTests.Day(10), (string)read["supersededFrom"]!);
    }

    [Fact]
    public async Task A_person_s_birth_date_and_the_use_s_credit_travel_over_http_and_a_coming_of_age_is_a_takedown_day()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var born = today.AddYears(-18).AddDays(10); // 18 in ten days; the flag, sent as false, loses to the birth date
        JsonObject Consent(string holder) =>
            new() { ["holderName"] = holder, ["evidence"] = $"signed form ({holder})", ["obtainedAt"] = DateTimeOffset.UtcNow.AddDays(-3) };
        var asset = await Asset("instagram", new JsonArray(new JsonObject
        {
            ["description"] = "Girl on the left",
            ["isMinor"] = false,
            ["birthDate"] = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["parentalAuthorityHolders"] = 2,
            ["guardianConsents"] = new JsonArray(Consent("Mother"), Consent("Father")),
        }));
        var read = await (await api.Client().GetAsync($"{Ugc}/assets/{asset}")).Expect(HttpStatusCode.OK);
        Assert.Equal(born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string)read["asset"]!["people"]![0]!["birthDate"]!);
        Assert.True((bool)read["asset"]!["people"]![0]!["isMinor"]!);
        await (await api.Client(Roles.Legal).PostJson($"{Ugc}/grants", new JsonObject
        {
            ["assetId"] = asset,
            ["terms"] = UgcRightsApiTests.Terms(),
            ["evidence"] = UgcRightsApiTests.Evidence(),
        })).Expect(HttpStatusCode.Created);

        async Task<JsonNode> Check(int inDays, bool? attribution) => await (await api.Client(Roles.Legal).PostJson($"{Ugc}/rights-checks", new JsonObject
        {
            ["assetId"] = asset,
            ["channel"] = "organic_social",
            ["territory"] = "FR",
            ["date"] = UgcRightsApiTests.Day(inDays),
            ["attribution"] = attribution,
        })).Expect(HttpStatusCode.OK);
        static string Codes(JsonNode answer) => $"{answer["verdict"]}: {string.Join(", ", answer["reasons"]!.AsArray().Select(r => (string)r!["code"]!))}";
        Assert.Equal("allowed: covered", Codes(await Check(9, true)));
        Assert.Equal("review: came_of_age", Codes(await Check(10, true)));
        Assert.Equal("blocked: attribution_required", Codes(await Check(0, false)));
        Assert.Equal("review: attribution_not_stated", Codes(await Check(0, null)));

        var usage = new { channel = "organic_social", territory = "FR", from = UgcRightsApiTests.Day(0) };
        await (await api.Client().PostJson($"{Ugc}/assets/{asset}/usages", usage)).Expect(HttpStatusCode.Created);
        var takedowns = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/takedowns?withinDays=30&limit=200")).Expect(HttpStatusCode.OK);
        var item = takedowns["items"]!.AsArray().Single(i => (string)i!["assetId"]! == asset)!;
        Assert.Equal("before", (string)item["urgency"]!);
        Assert.Equal(UgcRightsApiTests.Day(10), (string)item["takeDownBefore"]!);
        Assert.Equal("came_of_age", (string)item["reasons"]![0]!["code"]!);

        var future = await (await api.Client(Roles.Integration).PostJson($"{Ugc}/assets", new JsonObject
        {
            ["sourceUrl"] = $"https://instagram.com/p/born{Guid.NewGuid():N}",
            ["platform"] = "instagram",
            ["authorHandle"] = "camille.d",
            ["mediaType"] = "image",
            ["people"] = new JsonArray(new JsonObject { ["description"] = "Baby", ["birthDate"] = UgcRightsApiTests.Day(3) }),
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("birthdate", future["errors"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class UgcLawApiOnSqlite(SqliteApiFixture api) : UgcLawApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class UgcLawApiOnSqlServer(SqlServerApiFixture api) : UgcLawApiTests(api), IClassFixture<SqlServerApiFixture>;
