using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Campaigns;

/// <summary>POST /api/v1/campaigns/{id}/status: the lifecycle, illegal moves refused with the reason, an early go-live's reason recorded.</summary>
public abstract class ChangeCampaignStatusTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
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
}

public sealed class ChangeCampaignStatusOnSqlite(SqliteApiFixture api) : ChangeCampaignStatusTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ChangeCampaignStatusOnSqlServer(SqlServerApiFixture api) : ChangeCampaignStatusTests(api), IClassFixture<SqlServerApiFixture>;
