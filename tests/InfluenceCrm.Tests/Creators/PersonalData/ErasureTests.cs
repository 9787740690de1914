using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Platform.Http;

namespace InfluenceCrm.Tests.Creators.PersonalData;

public sealed class ErasureFixture : SqliteApiFixture;

/// <summary>
/// An erased person is not recoverable from what we keep: a creator is written with unique markers into every module
/// (creator, roster, deliverable, unsigned contract, UGC asset and rights request, promo code, link, stored API answers),
/// erased, and then the raw bytes of the database files — main file and WAL — are searched for each marker.
/// </summary>
public sealed class ErasureTests(ErasureFixture api) : IClassFixture<ErasureFixture>
{
    [Fact]
    public async Task Nothing_of_an_erased_creator_remains_in_the_database_files_and_a_retry_cannot_recreate_them()
    {
        var m = "Zq" + Guid.NewGuid().ToString("N")[..10];
        var markers = new Dictionary<string, string>
        {
            ["name"] = $"Name{m}",
            ["email"] = $"mail{m}@example.com",
            ["handle"] = $"handle{m}".ToLowerInvariant(),
            ["notes"] = $"notes{m}",
            ["representative"] = $"Rep{m}",
            ["phone"] = "+3361" + Random.Shared.Next(1_000_000, 9_999_999),
            ["tag"] = $"tag{m}",
            ["roster notes"] = $"roster{m}",
            ["deliverable title"] = $"title{m}",
            ["draft caption"] = $"caption{m}",
            ["contract name"] = $"Legal{m}",
            ["contract address"] = $"Street{m}",
            ["contract e-mail"] = $"party{m}@example.com",
            ["asset person"] = $"Person{m}",
            ["licensor"] = $"Licensor{m}",
            ["promo code"] = $"PROMO{m}".ToUpperInvariant(),
            ["link destination"] = $"ref{m}",
        };
        var client = api.Client();
        var createKey = "create-" + m;
        var createBody = new
        {
            displayName = markers["name"],
            email = markers["email"],
            notes = markers["notes"],
            tags = new[] { markers["tag"] },
            country = "FR",
            legalRepresentatives = new[] { new { fullName = markers["representative"], relationship = "parent", phone = markers["phone"] } },
            socialAccounts = new[] { new { platform = "tiktok", handle = markers["handle"], followers = 5000 } },
        };
        var creator = (string)(await (await client.PostJson("/api/v1/creators", createBody, createKey)).Expect(HttpStatusCode.Created))["id"]!;

        var campaign = (string)(await (await client.PostJson("/api/v1/campaigns", new { name = "Erasure " + m, brand = "Acme" }, "campaign-" + m)).Expect(HttpStatusCode.Created))["id"]!;
        var added = await client.PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator, notes = markers["roster notes"] }, "roster-" + m);
        var member = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
        await (await client.Send(HttpMethod.Patch, $"/api/v1/campaigns/{campaign}/roster/{member}",
            new { status = "confirmed", agreedFee = new { amount = 50_000, currency = "EUR" } }, ifMatch: added.ETag())).Expect(HttpStatusCode.OK);
        var planned = await client.PostJson($"/api/v1/campaigns/{campaign}/deliverables",
            new { rosterMemberId = member, platform = "tiktok", format = "reel", market = "FR", dueOn = "2030-01-15", title = markers["deliverable title"] });
        var deliverable = (string)(await planned.Expect(HttpStatusCode.Created))["id"]!;
        await (await client.Send(HttpMethod.Post, $"/api/v1/campaigns/{campaign}/deliverables/{deliverable}/drafts",
            new { caption = markers["draft caption"], media = new[] { "https://cdn.example.com/draft.mp4" } }, ifMatch: planned.ETag())).Expect(HttpStatusCode.OK);

        var contract = JsonNode.Parse(FuzzSeeds.Bodies["POST /api/v1/contracts"].Replace("{creatorId}", creator).Replace("{campaignId}", campaign)
            .Replace("{deliverableId}", deliverable).Replace("{unique}", m))!;
        contract["terms"]!["creator"] = new JsonObject
        {
            ["legalName"] = markers["contract name"],
            ["postalAddress"] = $"1 {markers["contract address"]}, 75001 Paris",
            ["email"] = markers["contract e-mail"],
            ["taxResidenceCountry"] = "FR",
        };
        await (await client.PostJson("/api/v1/contracts", contract, "contract-" + m)).Expect(HttpStatusCode.Created);

        var asset = (string)(await (await client.PostJson("/api/v1/ugc/assets", new
        {
            sourceUrl = $"https://www.tiktok.com/@{markers["handle"]}/video/1",
            platform = "tiktok",
            authorHandle = "@" + markers["handle"],
            mediaType = "video",
            capturedAt = DateTimeOffset.UtcNow.AddDays(-1),
            people = new[] { new { description = markers["asset person"], isMinor = false } },
        }, "asset-" + m)).Expect(HttpStatusCode.Created))["id"]!;
        await (await client.PostJson("/api/v1/ugc/rights-requests", new
        {
            assetId = asset,
            method = "release_form",
            proposedTerms = new
            {
                licensor = new { name = markers["licensor"], handle = markers["handle"], identityVerified = true },
                licensees = new[] { "Acme" },
                rights = new[] { "reproduction" },
                channels = new[] { "website" },
                territories = new[] { "FR" },
                startsOn = "2026-01-01",
            },
        }, "request-" + m)).Expect(HttpStatusCode.Created);
        await (await client.PostJson("/api/v1/promo-codes", new { code = markers["promo code"], campaignId = campaign, creatorId = creator }, "promo-" + m))
            .Expect(HttpStatusCode.Created);
        await (await client.PostJson("/api/v1/links", new { campaignId = campaign, creatorId = creator, destination = $"https://shop.example.com/?{markers["link destination"]}=1" },
            "link-" + m)).Expect(HttpStatusCode.Created);

        var files = new[] { api.ConnectionString["Data Source=".Length..], api.ConnectionString["Data Source=".Length..] + "-wal" };
        Assert.NotEmpty(Found(files, markers)); // the scan sees them before the erasure

        var erased = await (await api.Client(Roles.Legal).PostJson($"/api/v1/creators/{creator}/erasure", new { reason = "asked by e-mail" })).Expect(HttpStatusCode.OK);
        Assert.Contains(erased["kept"]!.AsArray(), k => ((string)k!).Contains("signed contract", StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Empty(Found(files, markers));

        // The idempotency key that created the person is a tombstone: no retry re-creates them, with the same body or another.
        await (await client.PostJson("/api/v1/creators", createBody, createKey)).Expect(HttpStatusCode.Gone);
        await (await client.PostJson("/api/v1/creators", new { displayName = "Someone else" }, createKey)).Expect(HttpStatusCode.Gone);
    }

    /// <summary>Every marker found in the raw bytes of the files, with where.</summary>
    private static List<string> Found(string[] files, Dictionary<string, string> markers)
    {
        var found = new List<string>();
        foreach (var file in files.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var (what, marker) in markers)
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) >= 0)
                {
                    found.Add($"{what} in {Path.GetFileName(file)}");
                }
            }
        }

        return found;
    }
}
