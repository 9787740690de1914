using System.Net;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.Imports;

public abstract class ImportTests(ApiFixture api)
{
    private const string Import = "/api/v1/creators/import";

    private Task<HttpResponseMessage> Send(string csv, string role = Roles.Integration) =>
        api.Client(role).PostRaw(Import, csv, "text/csv");

    [Fact]
    public async Task Mixed_rows_import_the_good_ones_report_the_bad_ones_and_reimport_changes_nothing()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var csv = $"""
            displayName,email,country,languages,tags,platform,handle,followers,engagementRate
            Ana {s},ana{s}@example.com,PT,pt;en,food;travel,instagram,ana{s},15000,2.5
            Ben {s},ben{s}@example.com,XX,,,instagram,ben{s},100,
            Cleo {s},not-an-email,FR,,,tiktok,cleo{s},abc,
            ,,,,,youtube,nobody{s},,
            Ana {s},,,,,tiktok,ana{s},8000,
            "Dee, {s}",dee{s}@example.com,DE,de,,youtube,dee{s},42000,1.25
            Eve {s},,,,,myspace,eve{s},,
            """;
        var result = await (await Send(csv)).Expect(HttpStatusCode.OK);
        var rows = result["rows"]!.AsArray();
        Assert.Equal(7, rows.Count);
        Assert.Equal(["created", "rejected", "rejected", "rejected", "created", "created", "rejected"], rows.Select(r => (string)r!["status"]!));
        Assert.Equal([2L, 3L, 4L, 5L, 6L, 7L, 8L], rows.Select(r => (long)r!["line"]!));
        Assert.Contains("country", (string)rows[1]!["errors"]![0]!, StringComparison.Ordinal);
        Assert.Contains("followers", rows[2]!["errors"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("displayName", rows[3]!["errors"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(3, (int)result["created"]!);
        Assert.Equal(4, (int)result["rejected"]!);

        await using (var c = await api.Db.OpenAsync())
        {
            // Nothing half-written: the rejected rows left no creator and no account.
            Assert.Equal(0L, await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM creator_social_accounts WHERE handle IN (@b, @c, @n, @e)", new { b = $"ben{s}", c = $"cleo{s}", n = $"nobody{s}", e = $"eve{s}" }));
            Assert.Equal(3L, await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM creator_creators WHERE display_name LIKE @p", new { p = $"%{s}%" }));
        }

        // Sending the same file again changes nothing.
        var again = await (await Send(csv)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (int)again["created"]!);
        Assert.Equal(3, (int)again["unchanged"]!);

        // A row for a known handle updates that creator.
        var update = $"""
            platform,handle,followers,tags
            instagram,@ANA{s},16000,food;travel;vegan
            """;
        var updated = await (await Send(update)).Expect(HttpStatusCode.OK);
        Assert.Equal("updated", (string)updated["rows"]![0]!["status"]!);
        var id = (string)updated["rows"]![0]!["creatorId"]!;
        var creator = await (await api.Client().GetAsync($"/api/v1/creators/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(16000, (long)creator["socialAccounts"]!.AsArray().Single(a => (string)a!["platform"]! == "instagram")!["followers"]!);
        Assert.Equal(["food", "travel", "vegan"], creator["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal($"ana{s}@example.com", (string)creator["email"]!);
    }

    [Theory]
    [InlineData("name,handle\nA,b\n")]
    [InlineData("displayName,platform\nA,instagram\n")]
    [InlineData("displayName,platform,handle\n\"unterminated,instagram,x\n")]
    public async Task A_file_without_the_key_columns_or_malformed_answers_400(string csv) =>
        await (await Send(csv)).Expect(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_before_any_row_is_written()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var csv = new System.Text.StringBuilder("displayName,platform,handle\n");
        for (var i = 0; i <= InfluenceCrm.Creators.Features.ImportCreators.MaxRows; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Bulk {s} {i},instagram,bulk{s}_{i}\n");
        }

        var problem = await (await Send(csv.ToString())).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("5000", (string)problem["detail"]!, StringComparison.Ordinal);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM creator_creators WHERE display_name LIKE @p", new { p = $"Bulk {s} %" }));
    }

    [Fact]
    public async Task The_import_takes_csv_only_and_needs_a_writing_role()
    {
        await (await api.Client().PostRaw(Import, "{}")).Expect(HttpStatusCode.UnsupportedMediaType);
        await (await Send("platform,handle\ninstagram,x\n", Roles.Viewer)).Expect(HttpStatusCode.Forbidden);
        await (await Send("platform,handle\ninstagram,x\n", Roles.Legal)).Expect(HttpStatusCode.Forbidden);
    }
}

public sealed class ImportOnSqlite(SqliteApiFixture api) : ImportTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ImportOnSqlServer(SqlServerApiFixture api) : ImportTests(api), IClassFixture<SqlServerApiFixture>;
