using System.Globalization;
using System.Net;
using Dapper;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Performance;

namespace InfluenceCrm.Tests.Platform.Data;

/// <summary>
/// One rule for times: the API takes any offset, converts to UTC at the boundary, and each engine stores one fixed format
/// (SQLite: fixed-width ISO-8601 UTC text, so text order is time order). Non-UTC offsets go through the endpoints that
/// take a time; what is stored is the same instant in the fixed format, and what is read back is that instant.
/// </summary>
public sealed class TimesTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const string FixedWidthUtc = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$";

    [Fact]
    public async Task Times_with_any_offset_are_stored_as_fixed_width_utc_and_read_back_as_the_same_instant()
    {
        var metricsAsOf = DateTimeOffset.Parse("2026-01-01T12:00:00.5+02:00", CultureInfo.InvariantCulture);
        var creator = await (await api.Client().PostJson("/api/v1/creators", new
        {
            displayName = "Times",
            socialAccounts = new[] { new { platform = "x", handle = "times" + Guid.NewGuid().ToString("N")[..6], metricsAsOf } },
        })).Expect(HttpStatusCode.Created);
        Assert.Equal(metricsAsOf, DateTimeOffset.Parse((string)creator["socialAccounts"]![0]!["metricsAsOf"]!, CultureInfo.InvariantCulture));

        var setup = await PerformanceApiTests.CampaignAsync(api, 1);
        var expiresAt = DateTimeOffset.Parse("2030-06-01T23:30:00-07:00", CultureInfo.InvariantCulture);
        var link = await (await api.Client().PostJson("/api/v1/links", new { campaignId = setup.CampaignId, deliverableId = setup.Deliverables[0].Id, destination = "https://shop.example.com/", expiresAt }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(expiresAt, DateTimeOffset.Parse((string)link["expiresAt"]!, CultureInfo.InvariantCulture));
        Assert.Equal("2030-06-02T06:30:00.0000000Z", (string)link["expiresAt"]!); // written in one form: UTC, seven fraction digits, Z
        Assert.Matches(FixedWidthUtc, (string)creator["socialAccounts"]![0]!["metricsAsOf"]!);

        var capturedAt = DateTimeOffset.UtcNow.AddHours(-3).ToOffset(TimeSpan.FromHours(5.5));
        var asset = await (await api.Client().PostJson("/api/v1/ugc/assets", new
        {
            sourceUrl = "https://instagram.com/p/times",
            platform = "instagram",
            authorHandle = "times",
            mediaType = "image",
            capturedAt,
        })).Expect(HttpStatusCode.Created);
        Assert.Equal(capturedAt, DateTimeOffset.Parse((string)asset["capturedAt"]!, CultureInfo.InvariantCulture));

        await using var c = await api.Db.OpenAsync();
        var stored = new Dictionary<string, (string Text, DateTimeOffset Expected)>
        {
            ["metrics_as_of"] = (await c.ExecuteScalarAsync<string>("SELECT metrics_as_of FROM creator_social_accounts WHERE creator_id = @id", new { id = (string)creator["id"]! }) ?? "", metricsAsOf),
            ["expires_at"] = (await c.ExecuteScalarAsync<string>("SELECT expires_at FROM perf_links WHERE id = @id", new { id = (string)link["id"]! }) ?? "", expiresAt),
            ["captured_at"] = (await c.ExecuteScalarAsync<string>("SELECT captured_at FROM ugc_assets WHERE id = @id", new { id = (string)asset["id"]! }) ?? "", capturedAt),
        };
        foreach (var (column, (text, expected)) in stored)
        {
            Assert.Matches(FixedWidthUtc, text);
            Assert.Equal(expected.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), text);
        }
    }
}
