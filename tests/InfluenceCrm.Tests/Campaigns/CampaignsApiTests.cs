using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns;

/// <summary>Campaigns, rosters, deliverables, calendar: end to end over HTTP, on SQLite and on SQL Server where one answers.</summary>
public abstract class CampaignsApiTests(ApiFixture api)
{
    private protected readonly ApiFixture api = api;

    private protected const string Campaigns = "/api/v1/campaigns";
    private protected static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private protected static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private protected static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    private protected static object NewCampaign(string name, object? extra = null)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["brand"] = "Acme Beauty",
            ["objectives"] = new JsonArray(
                new JsonObject { ["type"] = "visibility", ["target"] = 2_000_000 },
                new JsonObject { ["type"] = "engagement", ["kpi"] = "engagement_rate", ["target"] = 4 }),
            ["platforms"] = new JsonArray("instagram", "tiktok"),
            ["markets"] = new JsonArray("FR", "DE"),
            ["budget"] = new JsonObject { ["amount"] = 5_000_000, ["currency"] = "EUR" },
            ["startsOn"] = Day(-10),
            ["endsOn"] = Day(60),
            ["brief"] = new JsonObject
            {
                ["text"] = "Launch of the vegan serum.",
                ["dos"] = new JsonArray("Show the texture"),
                ["donts"] = new JsonArray("No medical claims"),
                ["mandatoryMentions"] = new JsonArray("@acmebeauty"),
                ["disclosureWording"] = "Publicité",
            },
        };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra, System.Text.Json.JsonSerializerOptions.Web))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }

        return body;
    }

    private protected async Task<(string Id, string ETag, JsonNode Body)> CreateCampaign(object? extra = null, string? name = null)
    {
        var response = await api.Client(Roles.Brand).PostJson(Campaigns, NewCampaign(name ?? Unique("Campaign "), extra));
        var body = await response.Expect(HttpStatusCode.Created);
        return ((string)body["id"]!, response.ETag(), body);
    }

    private protected async Task<string> CreateCreator(string name, long followers = 10_000, object? extra = null)
    {
        var body = new JsonObject
        {
            ["displayName"] = name,
            ["socialAccounts"] = new JsonArray(
                new JsonObject { ["platform"] = "instagram", ["handle"] = Unique("ig"), ["followers"] = followers },
                new JsonObject { ["platform"] = "tiktok", ["handle"] = Unique("tt"), ["followers"] = followers * 3 }),
        };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra, System.Text.Json.JsonSerializerOptions.Web))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }

        return (string)(await (await api.Client().PostJson("/api/v1/creators", body)).Expect(HttpStatusCode.Created))["id"]!;
    }

    private protected async Task<(string Id, string ETag)> SetStatus(string id, string etag, string status)
    {
        var response = await api.Client().Send(HttpMethod.Post, $"{Campaigns}/{id}/status", new { status }, ifMatch: etag);
        await response.Expect(HttpStatusCode.OK);
        return (id, response.ETag());
    }

    private protected async Task<(string MemberId, string ETag)> Confirmed(string campaignId, string creatorId, long fee = 150_000)
    {
        var added = await api.Client().PostJson($"{Campaigns}/{campaignId}/roster", new { creatorId });
        var member = await added.Expect(HttpStatusCode.Created);
        var id = (string)member["id"]!;
        var confirmed = await api.Client().Send(HttpMethod.Patch, $"{Campaigns}/{campaignId}/roster/{id}",
            new { status = "confirmed", agreedFee = new { amount = fee, currency = "EUR" } }, ifMatch: added.ETag());
        await confirmed.Expect(HttpStatusCode.OK);
        return (id, confirmed.ETag());
    }

    private protected async Task<(string Id, string ETag)> Plan(string campaignId, string memberId, string platform = "instagram", string format = "reel",
        int dueIn = 7, object? extra = null)
    {
        var body = new JsonObject { ["rosterMemberId"] = memberId, ["platform"] = platform, ["format"] = format, ["market"] = "FR", ["dueOn"] = Day(dueIn) };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra, System.Text.Json.JsonSerializerOptions.Web))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }

        var response = await api.Client(Roles.Integration).PostJson($"{Campaigns}/{campaignId}/deliverables", body);
        var json = await response.Expect(HttpStatusCode.Created);
        return ((string)json["id"]!, response.ETag());
    }

    /// <summary>Every item of the overdue list (GET …/overdue), page after page (the list pages by cursor, 200 at most a page).</summary>
    internal static async Task<List<JsonNode>> AllOverdue(HttpClient client, string asOf, int limit = 200)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"{Campaigns}/overdue?asOf={asOf}&limit={limit}"
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).Expect(HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return items;
    }
}
