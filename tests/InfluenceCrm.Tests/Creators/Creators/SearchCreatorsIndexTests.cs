using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.Creators;

/// <summary>
/// From three characters, the creators search's "contains" goes through SQLite's trigram index (migration 0036), kept by
/// triggers: it must find exactly the creators whose name, e-mail or one handle holds the text — computed here over the
/// same creators — after creations, a rename and an account removed, with LIKE's wildcards and quotes as plain text.
/// </summary>
public abstract class SearchCreatorsIndexTests(ApiFixture api)
{
    private const string Creators = "/api/v1/creators";

    private sealed record Person(string Name, string? Email, string[] Handles);

    private async Task<string> CreateAsync(Person p) =>
        (string)(await (await api.Client().PostJson(Creators, new
        {
            displayName = p.Name,
            email = p.Email,
            socialAccounts = p.Handles.Select((h, i) => new { platform = i == 0 ? "instagram" : "tiktok", handle = h }).ToArray(),
        })).Expect(HttpStatusCode.Created))["id"]!;

    private async Task<HashSet<string>> SearchAsync(string q)
    {
        var found = await (await api.Client().GetAsync($"{Creators}?q={Uri.EscapeDataString(q)}&limit=200")).Expect(HttpStatusCode.OK);
        return found["items"]!.AsArray().Select(c => (string)c!["id"]!).ToHashSet();
    }

    private static bool Holds(Person p, string q)
    {
        var key = Text.SearchKey(q);
        return Text.SearchKey(p.Name).Contains(key, StringComparison.Ordinal)
            || (p.Email is not null && Text.SearchKey(p.Email).Contains(key, StringComparison.Ordinal))
            || p.Handles.Any(h => h.ToLowerInvariant().Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_indexed_search_finds_the_creators_whose_name_email_or_one_handle_holds_the_text()
    {
        var people = new Dictionary<string, Person>();
        foreach (var p in new Person[]
        {
            new("Zoé Dupont", "zoe.dupont@example.com", ["zoe_d", "zd.films"]),
            new("Ana 100% Vegan", null, ["ana_100t"]),
            new("O'Neil \"Q\" Martin", "oneil@example.org", []),
            new("Bob_Smith", "bob@smith.example", ["bobsmith", "bob.cookst"]),
            new("Émile Zola", null, ["zola_officiel"]),
        })
        {
            people[await CreateAsync(p)] = p;
        }

        async Task CheckAsync()
        {
            foreach (var q in new[]
            {
                "zoé", "ZOE", "dupont", "pont", "100%", "0% v", "o'n", "\"q\"", "_sm", "b_s", "films", "d.f", "e_d",
                "d zd", "ex.com", "example", "@smith", "emile", "ola_", "cookst", "zol", "ana", "xyz", "%%%", "___",
            })
            {
                var expected = people.Where(x => Holds(x.Value, q)).Select(x => x.Key).ToHashSet();
                var found = await SearchAsync(q);
                Assert.True(expected.SetEquals(found), $"q={q}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", found)}]");
            }
        }

        await CheckAsync();

        // A rename and an account removed: the triggers keep the index.
        var (id, zoe) = people.First(x => x.Value.Name == "Zoé Dupont");
        var read = await api.Client().GetAsync($"{Creators}/{id}");
        var creator = await read.Expect(HttpStatusCode.OK);
        var renamed = await api.Client().Send(HttpMethod.Patch, $"{Creators}/{id}", new { displayName = "Zoé Lefèvre" }, ifMatch: read.ETag());
        await renamed.Expect(HttpStatusCode.OK);
        var account = creator["socialAccounts"]!.AsArray().Single(a => (string)a!["handle"]! == "zd.films")!;
        await (await api.Client().Send(HttpMethod.Delete, $"{Creators}/{id}/social-accounts/{(string)account["id"]!}", null, ifMatch: renamed.ETag()))
            .Expect(HttpStatusCode.OK);
        people[id] = zoe with { Name = "Zoé Lefèvre", Handles = ["zoe_d"] };
        await CheckAsync();
        Assert.Empty(await SearchAsync("zd.f")); // the handle removed
        Assert.Contains(id, await SearchAsync("lefèvre"));
    }

    /// <summary>
    /// SQLite sorts at most the first 1,000 entries the trigram index finds for a text (sorting all 11,111 of "creator 42"
    /// among 1M creators read every one): more answer <c>truncated</c>, the list holds only creators among them, still by
    /// name and paged, and a longer text finds the others. SQL Server's LIKE reads in name order and never truncates.
    /// </summary>
    [Fact]
    public async Task A_text_found_more_than_a_thousand_times_lists_the_first_found_by_name_and_says_so()
    {
        var s = Guid.NewGuid().ToString("N")[..6];
        var csv = "displayName,platform,handle\n" + string.Join("\n", Enumerable.Range(0, 1001).Select(i => $"Many{s} {i:D4},instagram,h{s}_{i}"));
        await (await api.Client(InfluenceCrm.Platform.Security.Roles.Integration).PostRaw($"{Creators}/import", csv, "text/csv"))
            .Expect(HttpStatusCode.OK);

        var (names, truncated, cursor) = (new List<string>(), new List<bool>(), (string?)null);
        do
        {
            var page = await (await api.Client().GetAsync($"{Creators}?q=many{s}&limit=200"
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).Expect(HttpStatusCode.OK);
            names.AddRange(page["items"]!.AsArray().Select(c => (string)c!["displayName"]!));
            truncated.Add((bool)page["truncated"]!);
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        var sqlServer = api is SqlServerApiFixture;
        Assert.Equal(sqlServer ? 1001 : 1000, names.Count);
        Assert.All(truncated, t => Assert.Equal(!sqlServer, t));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct().Count());
        var missing = Enumerable.Range(0, 1001).Select(i => $"Many{s} {i:D4}").Except(names).ToList();
        foreach (var name in missing) // a longer text finds it, and is not truncated
        {
            var found = await (await api.Client().GetAsync($"{Creators}?q={Uri.EscapeDataString(name)}")).Expect(HttpStatusCode.OK);
            Assert.Equal([name], found["items"]!.AsArray().Select(c => (string)c!["displayName"]!));
            Assert.False((bool)found["truncated"]!);
        }
    }
}

public sealed class SearchCreatorsIndexOnSqlite(SqliteApiFixture api) : SearchCreatorsIndexTests(api), IClassFixture<SqliteApiFixture>;

public sealed class SearchCreatorsIndexOnSqlServer(SqlServerApiFixture api) : SearchCreatorsIndexTests(api), IClassFixture<SqlServerApiFixture>;
