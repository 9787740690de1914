using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Checks;

/// <summary>The rights check: allowed within a grant, blocked outside with every reason; minors, releases, blanket grants, batches.</summary>
public abstract class CheckRightsTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
    [Fact]
    public async Task An_asset_with_a_grant_is_allowed_within_the_grant_and_blocked_outside_it_with_every_reason()
    {
        var asset = await Asset();
        var (grant, _) = await Grant(asset, Terms(modification: true));

        var allowed = await Check(asset, modification: true);
        Assert.Equal("allowed", (string)allowed["verdict"]!);
        Assert.Equal(grant, (string)allowed["grantId"]!);
        Assert.Equal(["covered"], Codes(allowed));

        Assert.Equal(["channel_not_granted"], Codes(await Check(asset, channel: "paid_social")));
        Assert.Equal(["territory_not_granted"], Codes(await Check(asset, territory: "US")));
        Assert.Equal(["not_started"], Codes(await Check(asset, dateIn: -40)));
        var both = await Check(asset, channel: "ooh_print", dateIn: 400);
        Assert.Equal("blocked", (string)both["verdict"]!);
        Assert.Null(both["grantId"]);
        Assert.Equal(["channel_not_granted", "expired"], Codes(both));

        var noModification = await Asset();
        await Grant(noModification, Terms(modification: false));
        Assert.Equal(["modification_not_allowed"], Codes(await Check(noModification, modification: true)));
        Assert.Equal(["no_grant"], Codes(await Check(await Asset())));
        await (await api.Client().PostJson($"{Ugc}/rights-checks", new { assetId = asset, channel = "billboard", territory = "France" })).Expect(HttpStatusCode.BadRequest);
        await (await api.OtherWorkspace().PostJson($"{Ugc}/rights-checks", new { assetId = asset, channel = "website", territory = "FR" })).Expect(HttpStatusCode.NotFound);

        await using var c = await api.Db.OpenAsync();
        Assert.True(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @asset AND action LIKE 'ugc.rights_check.%'", new { asset }) >= 5);
    }

    [Fact]
    public async Task A_minor_without_guardian_consent_blocks_even_a_perpetual_worldwide_grant_until_all_holders_consent()
    {
        var asset = await Asset(people: new JsonArray(new JsonObject { ["description"] = "Child on the left", ["isMinor"] = true, ["parentalAuthorityHolders"] = 2 }));
        await Grant(asset, Terms(channels: ["organic_social", "paid_social", "website"], territories: ["worldwide"], endIn: null, law: "US"));
        var blocked = await Check(asset, territory: "JP", dateIn: 3000);
        Assert.Equal("blocked", (string)blocked["verdict"]!);
        Assert.Equal(["minor_without_guardian_consent"], Codes(blocked));

        var person = (string)(await (await api.Client().GetAsync($"{Ugc}/assets/{asset}")).Json())["asset"]!["people"]![0]!["id"]!;
        var consent = $"{Ugc}/assets/{asset}/people/{person}/consents";
        await (await api.Client(Roles.Integration).PostJson(consent, new { kind = "guardian", holderName = "Mother", evidence = "signed form #1", obtainedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.Forbidden);
        await (await api.Client(Roles.Legal).PostJson(consent, new { kind = "guardian", holderName = "Mother", evidence = "signed form #1", obtainedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.OK);
        Assert.Equal("blocked", (string)(await Check(asset, territory: "JP"))["verdict"]!);
        await (await api.Client(Roles.Legal).PostJson(consent, new { kind = "guardian", holderName = "Mother", evidence = "again", obtainedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.Conflict);
        await (await api.Client(Roles.Legal).PostJson(consent, new { kind = "guardian", holderName = "Father", evidence = "signed form #2", obtainedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.OK);
        Assert.Equal("allowed", (string)(await Check(asset, territory: "JP"))["verdict"]!);
    }

    [Fact]
    public async Task A_person_shown_without_release_blocks_until_the_release_is_recorded()
    {
        var asset = await Asset(people: new JsonArray(new JsonObject { ["description"] = "Man in the background" }));
        await Grant(asset, Terms());
        Assert.Equal(["person_without_release"], Codes(await Check(asset)));
        var person = (string)(await (await api.Client().GetAsync($"{Ugc}/assets/{asset}")).Json())["asset"]!["people"]![0]!["id"]!;
        await (await api.Client(Roles.Brand).PostJson($"{Ugc}/assets/{asset}/people/{person}/consents", new { kind = "release", evidence = "release signed on site", obtainedAt = DateTimeOffset.UtcNow }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("allowed", (string)(await Check(asset))["verdict"]!);
    }

    [Fact]
    public async Task A_blanket_french_grant_answers_review()
    {
        var asset = await Asset();
        var terms = Terms(channels: ["all"]);
        terms["rights"] = new JsonArray("all");
        await Grant(asset, terms);
        var answer = await Check(asset);
        Assert.Equal("review", (string)answer["verdict"]!);
        Assert.Equal(["blanket_grant"], Codes(answer));
    }

    [Fact]
    public async Task Batch_checks_answer_each_asset_and_refuse_more_than_500()
    {
        var covered = await Asset();
        await Grant(covered, Terms());
        var bare = await Asset();
        var response = await (await api.Client().PostJson($"{Ugc}/rights-checks/batch", new
        {
            checks = new[]
            {
                new { assetId = covered, channel = "website", territory = "BE", attribution = true },
                new { assetId = bare, channel = "website", territory = "BE", attribution = true },
            },
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(["allowed", "blocked"], response["results"]!.AsArray().Select(r => (string)r!["verdict"]!));
        var tooMany = Enumerable.Range(0, 501).Select(_ => new { assetId = covered, channel = "website", territory = "BE" }).ToArray();
        await (await api.Client().PostJson($"{Ugc}/rights-checks/batch", new { checks = tooMany })).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().PostJson($"{Ugc}/rights-checks/batch", new { checks = Array.Empty<object>() })).Expect(HttpStatusCode.BadRequest);
    }
}

public sealed class CheckRightsOnSqlite(SqliteApiFixture api) : CheckRightsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class CheckRightsOnSqlServer(SqlServerApiFixture api) : CheckRightsTests(api), IClassFixture<SqlServerApiFixture>;
