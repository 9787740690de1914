using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.Creators;

/// <summary>GET /api/v1/creators: filters, cursors without gaps or repeats, bad parameters refused.</summary>
public abstract class SearchCreatorsTests(ApiFixture fixture) : CreatorsApiTests(fixture)
{
    [Fact]
    public async Task Search_filters_by_text_platform_followers_tag_stage_and_country()
    {
        var tag = Unique("t");
        var a = await Create(NewCreator("Zoé Dupré", Unique("zoe"), followers: 50_000, extra: new { tags = new[] { tag }, country = "FR" }));
        var b = await Create(NewCreator("Bob Stone", Unique("bob"), platform: "youtube", followers: 900_000, extra: new { tags = new[] { tag }, country = "US" }));
        var c = await Create(NewCreator("Carla Ruiz", Unique("carla"), platform: "tiktok", followers: 5_000, extra: new { tags = new[] { tag }, country = "ES", stage = "contacted" }));

        async Task<string[]> Ids(string query)
        {
            var json = await (await api.Client(Roles.Viewer).GetAsync($"{Creators}?tag={tag}&{query}")).Expect(HttpStatusCode.OK);
            return json["items"]!.AsArray().Select(i => (string)i!["id"]!).ToArray();
        }

        Assert.Equal([a.Id], await Ids("q=zoe%20dupre")); // accents and case ignored
        Assert.Equal([b.Id], await Ids("q=" + Uri.EscapeDataString((string)b.Body["email"]!)));
        Assert.Equal([c.Id], await Ids("q=" + (string)c.Body["socialAccounts"]![0]!["handle"]!));
        Assert.Equal([b.Id], await Ids("platform=youtube"));
        Assert.Equal([b.Id, a.Id], await Ids("minFollowers=10000"));
        Assert.Equal([a.Id, c.Id], await Ids("maxFollowers=60000&sort=-displayName"));
        Assert.Equal([c.Id], await Ids("stage=contacted"));
        Assert.Equal([b.Id], await Ids("country=us"));
        Assert.Equal([b.Id, c.Id, a.Id], await Ids("sort=displayName"));
        Assert.Equal([c.Id, b.Id, a.Id], await Ids("sort=-createdAt"));
        Assert.Empty(await Ids("q=%25")); // a literal %, not a wildcard
    }

    [Fact]
    public async Task Search_pages_with_cursors_without_gaps_or_repeats()
    {
        var tag = Unique("page");
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await Create(NewCreator($"Pager {i % 3}", Unique("p"), extra: new { tags = new[] { tag } }))).Id);
        }

        foreach (var sort in new[] { "displayName", "-displayName", "createdAt", "-createdAt" })
        {
            var seen = new List<string>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var url = $"{Creators}?tag={tag}&limit=3&sort={sort}" + (cursor is null ? "" : $"&cursor={cursor}");
                var json = await (await api.Client().GetAsync(url)).Expect(HttpStatusCode.OK);
                seen.AddRange(json["items"]!.AsArray().Select(x => (string)x!["id"]!));
                cursor = (string?)json["nextCursor"];
                pages++;
            }
            while (cursor is not null && pages < 10);

            Assert.Equal(3, pages);
            Assert.Equal(created.Order(), seen.Order());
            Assert.Equal(seen.Count, seen.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("sort=followers")]
    [InlineData("platform=myspace")]
    [InlineData("minFollowers=abc")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("minFollowers=10&maxFollowers=5")]
    public async Task Search_rejects_bad_parameters_with_400(string query) =>
        await (await api.Client().GetAsync($"{Creators}?{query}")).Expect(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_cursor_of_another_sort_is_refused()
    {
        var tag = Unique("cur");
        for (var i = 0; i < 2; i++)
        {
            await Create(NewCreator($"Cursor {i}", Unique("c"), extra: new { tags = new[] { tag } }));
        }

        var json = await (await api.Client().GetAsync($"{Creators}?tag={tag}&limit=1&sort=createdAt")).Expect(HttpStatusCode.OK);
        var cursor = (string)json["nextCursor"]!;
        await (await api.Client().GetAsync($"{Creators}?tag={tag}&limit=1&sort=displayName&cursor={cursor}")).Expect(HttpStatusCode.BadRequest);
    }
}

public sealed class SearchCreatorsOnSqlite(SqliteApiFixture api) : SearchCreatorsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class SearchCreatorsOnSqlServer(SqlServerApiFixture api) : SearchCreatorsTests(api), IClassFixture<SqlServerApiFixture>;
