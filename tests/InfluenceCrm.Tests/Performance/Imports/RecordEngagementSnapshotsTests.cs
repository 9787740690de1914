using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Performance;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Performance.Imports;

/// <summary>Engagement snapshots sent by the API and as CSV over HTTP.</summary>
public abstract class RecordEngagementSnapshotsTests : PerformanceApiTests
{
    private protected RecordEngagementSnapshotsTests(ApiFixture api)
        : base(api)
    {
    }

    [Fact]
    public async Task Snapshots_by_api_and_csv_keep_history_and_the_latest_counts()
    {
        var setup = await Campaign(1);
        var d = setup.Deliverables[0].Id;
        var url = $"/api/v1/performance/campaigns/{setup.CampaignId}/engagement-snapshots";
        var stored = await (await api.Client(Roles.Integration).PostJson(url, new object[]
        {
            new { deliverableId = d, capturedAt = DateTimeOffset.UtcNow.AddDays(-2), reach = 1000, impressions = 1500, likes = 50, comments = 5, shares = 2,
                saves = 3 },
            new { deliverableId = "dlv_nope", capturedAt = DateTimeOffset.UtcNow, reach = 1 },
            new { deliverableId = d, capturedAt = DateTimeOffset.UtcNow.AddDays(1), reach = 1 },
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (int)stored["stored"]!);
        Assert.Equal([2, 3], stored["rejected"]!.AsArray().Select(r => (int)r!["row"]!));

        var csv = "deliverableId,capturedAt,views,reach,impressions,likes,comments,shares,saves\n" +
            $"{d},{DateTimeOffset.UtcNow.AddHours(-1):O},4000,2000,3000,100,10,5,5\n";
        var imported = await (await api.Client().PostRaw($"{url}/import", csv, "text/csv")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (int)imported["stored"]!);
        Assert.Equal(1, (int)(await (await api.Client().PostRaw($"{url}/import", csv, "text/csv")).Json())["alreadyKnown"]!);
        await (await api.Client().PostRaw($"{url}/import", "deliverableId,capturedAt,reach\nx,yesterday,1\n", "text/csv")).Expect(HttpStatusCode.BadRequest);

        // The history, latest capture first, paged.
        var first = await (await api.Client(Roles.Viewer).GetAsync($"/api/v1/performance/engagement-snapshots?deliverableId={d}&limit=1"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(2000, (long)first["items"]![0]!["reach"]!);
        var second = await (await api.Client(Roles.Viewer).GetAsync(
            $"/api/v1/performance/engagement-snapshots?deliverableId={d}&limit=1&cursor={Uri.EscapeDataString((string)first["nextCursor"]!)}"))
                .Expect(HttpStatusCode.OK);
        Assert.Equal(1000, (long)second["items"]![0]!["reach"]!);
        Assert.Null((string?)second["nextCursor"]);
        Assert.Empty((await (await api.OtherWorkspace().GetAsync($"/api/v1/performance/engagement-snapshots?deliverableId={d}"))
            .Expect(HttpStatusCode.OK))["items"]!.AsArray());

        var report = await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{setup.CampaignId}?groupBy=deliverable")).Expect(HttpStatusCode.OK);
        var row = report["rows"]!.AsArray().Single(r => (string)r!["key"]! == d)!;
        Assert.Equal(2000, (long)row["reach"]!);
        Assert.Equal(120, (long)row["engagements"]!);
        Assert.Equal(6m, (decimal)row["engagementRate"]!);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_engagement_snapshots WHERE deliverable_id = @d", new { d }));
    }
}

public sealed class RecordEngagementSnapshotsOnSqlite(SqliteApiFixture api) : RecordEngagementSnapshotsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RecordEngagementSnapshotsOnSqlServer(SqlServerApiFixture api) : RecordEngagementSnapshotsTests(api), IClassFixture<SqlServerApiFixture>;
