using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Platform.Http;

namespace InfluenceCrm.Tests.Creators.PersonalData;

/// <summary>
/// The right of access covers every module: a creator is written through the API with a distinct marker in every field
/// that can hold data on them (the migrations' columns: creator, accounts, representatives, tags, notes; roster notes,
/// deliverable texts, drafts, reviews, disclosure story frames; contract titles, party terms in every version, missions,
/// signed documents, payment references; UGC assets, people shown and their releases, rights requests, replies, grants;
/// promo codes, link destinations and their history, conversions), and the export must hold every marker.
/// </summary>
public abstract class PersonalDataExportTests(ApiFixture api)
{
    private const string Sha = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";

    private static string Day(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_export_holds_everything_every_module_holds_on_the_person()
    {
        var m = "zq" + Guid.NewGuid().ToString("N")[..10];
        var mk = new Dictionary<string, string>();
        string Mark(string field, string value)
        {
            mk[field] = value;
            return value;
        }

        var client = api.Client();
        var creator = (string)(await (await client.PostJson("/api/v1/creators", new
        {
            displayName = Mark("creator name", $"Name{m}"),
            email = Mark("creator email", $"mail{m}@example.com"),
            notes = Mark("creator notes", $"Notes{m}"),
            tags = new[] { Mark("creator tag", $"tag{m}") },
            country = "FR",
            legalRepresentatives = new[]
            {
                new { fullName = Mark("representative name", $"Rep{m}"), relationship = "parent", email = Mark("representative email", $"rep{m}@example.com"),
                    phone = Mark("representative phone", "+3361" + Random.Shared.Next(1_000_000, 9_999_999)) },
            },
            socialAccounts = new object[]
            {
                new
                {
                    platform = "tiktok", handle = Mark("tiktok handle", $"tt{m}"), followers = 5000,
                    url = Mark("account url", $"https://example.com/profile{m}"),
                },
                new { platform = "instagram", handle = Mark("instagram handle", $"ig{m}"), followers = 9000 },
            },
        })).Expect(HttpStatusCode.Created))["id"]!;

        // Campaigns: a live campaign, a roster place, a deliverable drafted, reviewed, published and checked for disclosure.
        var created = await client.PostJson("/api/v1/campaigns", new { name = "Export " + m, brand = "Acme", startsOn = Day(-30), endsOn = Day(60) });
        var campaign = (string)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var etag = created.ETag();
        foreach (var status in new[] { "planned", "live" })
        {
            var moved = await client.Send(HttpMethod.Post, $"/api/v1/campaigns/{campaign}/status", new { status }, ifMatch: etag);
            await moved.Expect(HttpStatusCode.OK);
            etag = moved.ETag();
        }

        var added = await client.PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator, notes = Mark("roster notes", $"roster{m}") });
        var member = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
        await (await client.Send(HttpMethod.Patch, $"/api/v1/campaigns/{campaign}/roster/{member}",
            new { status = "confirmed", agreedFee = new { amount = 50_000, currency = "EUR" } }, ifMatch: added.ETag())).Expect(HttpStatusCode.OK);
        var planned = await client.PostJson($"/api/v1/campaigns/{campaign}/deliverables",
            new
            {
                rosterMemberId = member,
                platform = "instagram",
                format = "reel",
                market = "FR",
                dueOn = Day(10),
                title = Mark("deliverable title", $"title{m}"),
            });
        var deliverable = (string)(await planned.Expect(HttpStatusCode.Created))["id"]!;
        var url = $"/api/v1/campaigns/{campaign}/deliverables/{deliverable}";
        var step = await client.Send(HttpMethod.Post, $"{url}/drafts", new
        {
            caption = Mark("draft caption", $"draft{m} Publicité"),
            media = new[] { Mark("draft media", $"https://cdn.example.com/media{m}.mp4") },
            comment = Mark("draft comment", $"draftcomment{m}"),
        }, ifMatch: planned.ETag());
        await step.Expect(HttpStatusCode.OK);
        var review = new { verdict = "approved", comment = Mark("review comment", $"review{m}") };
        step = await client.Send(HttpMethod.Post, $"{url}/reviews", review, ifMatch: step.ETag());
        await step.Expect(HttpStatusCode.OK);
        await (await client.Send(HttpMethod.Post, $"{url}/publication", new
        {
            postUrl = Mark("post url", $"https://instagram.com/p/post{m}"),
            publishedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            finalCaption = Mark("final caption", $"final{m} Publicité"),
            onScreenText = Mark("on-screen text", $"screen{m} Publicité"),
            spokenText = Mark("spoken text", $"spoken{m}"),
            paidPartnershipLabel = true,
        }, ifMatch: step.ETag())).Expect(HttpStatusCode.OK);
        await (await client.PostJson($"{url}/disclosure-check", new
        {
            retouchedBody = false,
            aiGeneratedPerson = false,
            productCategory = "other",
            storyFrames = new[] { new { text = Mark("story frame", $"frame{m}") } },
        })).Expect(HttpStatusCode.OK);

        // Contracts: the creator party's identity, addresses and tax residence, a mission, signed, paid, then amended (a move).
        var body = JsonNode.Parse(FuzzSeeds.Bodies["POST /api/v1/contracts"].Replace("{creatorId}", creator).Replace("{campaignId}", campaign)
            .Replace("{deliverableId}", deliverable).Replace("{unique}", m))!;
        body["title"] = Mark("contract title", $"Contract{m}");
        body["terms"]!["creator"] = new JsonObject
        {
            ["legalName"] = Mark("party legal name", $"Legal{m}"),
            ["postalAddress"] = Mark("party postal address", $"1 Street{m}, 75001 Paris"),
            ["email"] = Mark("party email", $"party{m}@example.com"),
            ["taxResidenceCountry"] = "FR",
        };
        body["terms"]!["missions"]![0]!["description"] = Mark("mission", $"mission{m}");
        var contractCreated = await client.PostJson("/api/v1/contracts", body);
        var contract = (string)(await contractCreated.Expect(HttpStatusCode.Created))["id"]!;
        var curl = $"/api/v1/contracts/{contract}";
        var sent = await client.Send(HttpMethod.Post, $"{curl}/status", new { status = "sent" }, ifMatch: contractCreated.ETag());
        await sent.Expect(HttpStatusCode.OK);
        await (await client.Send(HttpMethod.Post, $"{curl}/signature", new
        {
            documentUri = Mark("signed document", $"https://docs.example.com/signed{m}.pdf"),
            sha256 = Sha,
            signedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }, ifMatch: sent.ETag())).Expect(HttpStatusCode.OK);
        var milestone = (string)(await (await client.GetAsync(curl)).Json())["milestones"]![0]!["id"]!;
        var payment = new { paidAt = DateTimeOffset.UtcNow.AddDays(-1), reference = Mark("payment", $"pay{m}") };
        await (await client.PostJson($"{curl}/milestones/{milestone}/payment", payment))
            .Expect(HttpStatusCode.OK);
        await (await client.Send(HttpMethod.Post, $"{curl}/amendments", new JsonObject
        {
            ["reason"] = "The creator moved",
            ["terms"] = new JsonObject { ["creator"] = new JsonObject { ["postalAddress"] = Mark("amended postal address", $"2 Moved{m}, 75002 Paris") } },
        }, ifMatch: (await client.GetAsync(curl)).ETag())).Expect(HttpStatusCode.OK);

        // UGC: the creator's asset, a person shown with a release, a rights request, a reply, a grant.
        var asset = await (await client.PostJson("/api/v1/ugc/assets", new
        {
            sourceUrl = Mark("asset source", $"https://instagram.com/p/asset{m}"),
            platform = "instagram",
            authorHandle = "@" + Mark("asset author", $"author{m}"),
            creatorId = creator,
            mediaType = "image",
            capturedAt = DateTimeOffset.UtcNow.AddDays(-1),
            people = new[] { new { description = Mark("person shown", $"person{m}"), isMinor = false, parentalAuthorityHolders = 2 } },
        })).Expect(HttpStatusCode.Created);
        var assetId = (string)asset["id"]!;
        await (await client.PostJson($"/api/v1/ugc/assets/{assetId}/people/{(string)asset["people"]![0]!["id"]!}/consents", new
        {
            kind = "release",
            evidence = Mark("release evidence", $"release{m}"),
            obtainedAt = DateTimeOffset.UtcNow.AddHours(-1),
        })).Expect(HttpStatusCode.OK);
        var request = (string)(await (await client.PostJson("/api/v1/ugc/rights-requests", new
        {
            assetId,
            method = "comment",
            approvalHashtag = "#YesAcme",
            language = "fr",
            proposedTerms = new
            {
                licensor = new
                {
                    name = Mark("request licensor", $"Licensor{m}"),
                    handle = Mark("request licensor handle", $"licensorhandle{m}"),
                    identityVerified = true,
                },
                licensees = new[] { "Acme" },
                rights = new[] { "reproduction" },
                channels = new[] { "website" },
                territories = new[] { "FR" },
                startsOn = "2026-01-01",
            },
        })).Expect(HttpStatusCode.Created))["request"]!["id"]!;
        await (await client.PostJson($"/api/v1/ugc/rights-requests/{request}/replies", new
        {
            authorHandle = "@" + Mark("reply author", $"replier{m}"),
            text = Mark("reply text", $"reply{m}"),
            receivedAt = DateTimeOffset.UtcNow,
            permalink = "https://instagram.com/p/x/c/1",
        })).Expect(HttpStatusCode.OK);
        var grant = JsonNode.Parse(FuzzSeeds.Bodies["POST /api/v1/ugc/grants"].Replace("{assetId}", assetId))!;
        grant["terms"]!["licensor"]!["name"] = Mark("grant licensor", $"Grantor{m}");
        grant["evidence"]!["reference"] = Mark("grant evidence", $"https://docs.example.com/grant{m}.pdf");
        await (await client.PostJson("/api/v1/ugc/grants", grant)).Expect(HttpStatusCode.Created);

        // Performance: a promo code used by a conversion, a link whose destination changed.
        var code = Mark("promo code", $"PROMO{m}".ToUpperInvariant());
        await (await client.PostJson("/api/v1/promo-codes", new { code, campaignId = campaign, creatorId = creator })).Expect(HttpStatusCode.Created);
        var first = Mark("past link destination", $"https://shop.example.com/?first{m}=1");
        var link = await client.PostJson("/api/v1/links", new { campaignId = campaign, creatorId = creator, destination = first });
        var linkId = (string)(await link.Expect(HttpStatusCode.Created))["id"]!;
        var second = Mark("link destination", $"https://shop.example.com/?second{m}=1");
        await (await client.Send(HttpMethod.Patch, $"/api/v1/links/{linkId}", new { destination = second },
            ifMatch: link.ETag())).Expect(HttpStatusCode.OK);
        await (await client.PostJson("/api/v1/conversions", new
        {
            source = "shopify",
            orderId = "order-" + m,
            amount = new { amount = 5990, currency = "EUR" },
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            promoCode = code,
        })).Expect(HttpStatusCode.Created);

        var export = await (await api.Client(Roles.Legal).GetAsync($"/api/v1/creators/{creator}/personal-data")).Expect(HttpStatusCode.OK);
        var values = Strings(export).ToList();
        var missing = mk.Where(x => !values.Any(v => v.Contains(x.Value, StringComparison.Ordinal))).Select(x => $"{x.Key} ({x.Value})").ToList();
        Assert.True(missing.Count == 0, "Not in the export: " + string.Join(", ", missing));

        var contractData = export["modules"]!["contracts"]!["contracts"]!.AsArray().Single()!;
        Assert.Equal([1, 2], contractData["termsVersions"]!.AsArray().Select(v => (int)v!["termsVersion"]!));
        Assert.Equal("FR", (string)contractData["termsVersions"]![0]!["terms"]!["creator"]!["taxResidenceCountry"]!);
        Assert.Equal(code, (string)export["modules"]!["performance"]!["conversions"]!.AsArray().Single()!["promoCode"]!);
        // Another person's data is not theirs to read: the shop's order id points at a customer.
        Assert.DoesNotContain(values, v => v.Contains("order-" + m, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}

public sealed class PersonalDataExportOnSqlite(SqliteApiFixture api) : PersonalDataExportTests(api), IClassFixture<SqliteApiFixture>;

public sealed class PersonalDataExportOnSqlServer(SqlServerApiFixture api) : PersonalDataExportTests(api), IClassFixture<SqlServerApiFixture>;
