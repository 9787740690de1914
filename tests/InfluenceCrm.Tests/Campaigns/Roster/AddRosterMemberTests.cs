using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Roster;

/// <summary>POST …/roster: workspace creators taken once, shown with names and main accounts.</summary>
public abstract class AddRosterMemberTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
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
}

public sealed class AddRosterMemberOnSqlite(SqliteApiFixture api) : AddRosterMemberTests(api), IClassFixture<SqliteApiFixture>;

public sealed class AddRosterMemberOnSqlServer(SqlServerApiFixture api) : AddRosterMemberTests(api), IClassFixture<SqlServerApiFixture>;
