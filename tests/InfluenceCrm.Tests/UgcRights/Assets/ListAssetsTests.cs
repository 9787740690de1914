using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Assets;

/// <summary>Assets, usages, grants by licensor and take-downs listed page by page.</summary>
public abstract class ListAssetsTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
    [Fact]
    public async Task Assets_usages_grants_by_licensor_and_takedowns_are_listed_page_by_page()
    {
        var handle = "lister" + Guid.NewGuid().ToString("N")[..6];
        var assets = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            assets.Add((string)(await (await api.Client(Roles.Integration).PostJson($"{Ugc}/assets", new
            {
                sourceUrl = $"https://instagram.com/p/{handle}{i}",
                platform = "instagram",
                authorHandle = "@" + handle,
                mediaType = "image",
            })).Expect(HttpStatusCode.Created))["id"]!);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/assets?authorHandle={handle.ToUpperInvariant()}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")))
                .Expect(HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(a => (string)a!["id"]!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        Assert.Equal(assets.AsEnumerable().Reverse(), seen); // newest first

        var terms = Terms(endIn: 5);
        terms["licensor"]!["handle"] = handle;
        var (grant, _) = await Grant(assets[0], terms);
        var byLicensor = await (await api.Client(Roles.Legal).GetAsync($"{Ugc}/grants?licensor=@{handle}")).Expect(HttpStatusCode.OK);
        Assert.Equal([grant], byLicensor["items"]!.AsArray().Select(g => (string)g!["id"]!));
        Assert.Empty((await (await api.Client(Roles.Legal).GetAsync($"{Ugc}/grants?licensor=nobody-{handle}")).Expect(HttpStatusCode.OK))["items"]!.AsArray());

        foreach (var asset in assets)
        {
            await (await api.Client().PostJson($"{Ugc}/assets/{asset}/usages", new { channel = "website", territory = "FR", from = Day(-1) })).Expect(HttpStatusCode.Created);
        }

        var usages = await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/usages?assetId={assets[1]}&inForceOn={Day(0)}")).Expect(HttpStatusCode.OK);
        Assert.Equal(assets[1], (string)usages["items"]!.AsArray().Single()!["assetId"]!);
        Assert.Empty((await (await api.Client(Roles.Viewer).GetAsync($"{Ugc}/usages?assetId={assets[1]}&inForceOn={Day(-2)}")).Expect(HttpStatusCode.OK))["items"]!.AsArray());

        // Two uncovered usages (no grant) and one whose grant ends in 5 days: three take-downs, one page at a time.
        var takedowns = new List<(string UsageId, string AssetId)>();
        cursor = null;
        do
        {
            var page = await (await api.Client(Roles.Viewer).GetAsync("/api/v1/ugc/takedowns?limit=1" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).Expect(HttpStatusCode.OK);
            takedowns.AddRange(page["items"]!.AsArray().Select(t => ((string)t!["usageId"]!, (string)t["assetId"]!)));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        Assert.Equal(takedowns.Count, takedowns.Select(t => t.UsageId).Distinct().Count()); // no usage twice across pages
        Assert.Subset(takedowns.Select(t => t.AssetId).ToHashSet(), assets.ToHashSet()); // each of ours is there
        await (await api.Client(Roles.Viewer).GetAsync("/api/v1/ugc/takedowns?cursor=not-ours")).Expect(HttpStatusCode.BadRequest);
    }
}

public sealed class ListAssetsOnSqlite(SqliteApiFixture api) : ListAssetsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ListAssetsOnSqlServer(SqlServerApiFixture api) : ListAssetsTests(api), IClassFixture<SqlServerApiFixture>;
