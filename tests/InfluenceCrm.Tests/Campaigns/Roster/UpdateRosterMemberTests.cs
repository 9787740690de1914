using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Roster;

/// <summary>PATCH …/roster/{id}: invited, negotiating, confirmed with a fee.</summary>
public abstract class UpdateRosterMemberTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
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
}

public sealed class UpdateRosterMemberOnSqlite(SqliteApiFixture api) : UpdateRosterMemberTests(api), IClassFixture<SqliteApiFixture>;

public sealed class UpdateRosterMemberOnSqlServer(SqlServerApiFixture api) : UpdateRosterMemberTests(api), IClassFixture<SqlServerApiFixture>;
