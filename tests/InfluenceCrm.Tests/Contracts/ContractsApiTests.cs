using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts;

/// <summary>Contracts end to end over HTTP, on SQLite and on SQL Server where one answers.</summary>
public abstract class ContractsApiTests(ApiFixture api)
{
    private protected readonly ApiFixture api = api;

    private protected const string Contracts = "/api/v1/contracts";
    private protected const string Sha = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
    private protected static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private protected static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static JsonObject Party(string name, string? establishedIn = null) => new()
    {
        ["legalName"] = name,
        ["postalAddress"] = "1 rue de la Paix, 75002 Paris",
        ["email"] = "legal@example.com",
        ["taxResidenceCountry"] = "FR",
        ["establishedIn"] = establishedIn,
    };

    /// <summary>Terms that satisfy French law.</summary>
    internal static JsonObject CompleteTerms(long fee = 80_000, string currency = "EUR", JsonArray? milestones = null) => new()
    {
        ["brand"] = Party("Acme Beauty SAS"),
        ["creator"] = Party("Léa Martin", establishedIn: "FR"),
        ["missions"] = new JsonArray(new JsonObject { ["description"] = "One Instagram reel presenting the serum" }),
        ["remuneration"] = new JsonObject { ["fee"] = new JsonObject { ["amount"] = fee, ["currency"] = currency }, ["paymentTerms"] = "30 days" },
        ["milestones"] = milestones ?? new JsonArray(
            new JsonObject { ["label"] = "On signature", ["amount"] = new JsonObject { ["amount"] = fee / 2, ["currency"] = currency }, ["dueOn"] = Day(-5) },
            new JsonObject { ["label"] = "On publication", ["amount"] = new JsonObject { ["amount"] = fee - (fee / 2), ["currency"] = currency }, ["dueOn"] = Day(20) }),
        ["usageRights"] = new JsonArray(new JsonObject
        {
            ["rights"] = new JsonArray("reproduction", "public_display"),
            ["channels"] = new JsonArray("organic_social", "paid_social"),
            ["territories"] = new JsonArray("FR"),
            ["startsOn"] = Day(0),
            ["endsOn"] = Day(365),
            ["modificationAllowed"] = false,
            ["attributionRequired"] = true,
            ["purpose"] = "The serum launch campaign",
        }),
        ["disclosure"] = new JsonObject { ["wording"] = "Publicité", ["placement"] = "first line and on the video" },
        ["governingLaw"] = "FR",
        ["intellectualProperty"] = "The creator keeps authorship; the brand receives the usage rights listed, nothing more.",
        ["productCategory"] = "other",
        ["startsOn"] = Day(0),
    };

    private protected async Task<string> CreateCreator(string name, object? extra = null)
    {
        var body = new JsonObject { ["displayName"] = name };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra, System.Text.Json.JsonSerializerOptions.Web))!.AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }

        return (string)(await (await api.Client().PostJson("/api/v1/creators", body)).Expect(HttpStatusCode.Created))["id"]!;
    }

    private protected async Task<(string Id, string ETag, JsonNode Body)> CreateContract(string creatorId, JsonObject terms, string? campaignId = null, string role = Roles.Legal)
    {
        var response = await api.Client(role).PostJson(Contracts, new JsonObject
        {
            ["creatorId"] = creatorId,
            ["campaignId"] = campaignId,
            ["title"] = "Serum launch – Instagram",
            ["terms"] = terms.DeepClone(),
        });
        var body = await response.Expect(HttpStatusCode.Created);
        return ((string)body["id"]!, response.ETag(), body);
    }

    private protected async Task<string> Move(string id, string etag, string status, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/status", new { status }, ifMatch: etag);
        await response.Expect(expected);
        return expected == HttpStatusCode.OK ? response.ETag() : etag;
    }

    private protected async Task<(string Id, string ETag)> SignedContract(string creatorId, JsonObject terms, string? campaignId = null)
    {
        var (id, etag, _) = await CreateContract(creatorId, terms, campaignId);
        etag = await Move(id, etag, "sent");
        var signed = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/signature",
            new { documentUri = "https://docs.example.com/contracts/1.pdf", sha256 = Sha, signedAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, ifMatch: etag);
        await signed.Expect(HttpStatusCode.OK);
        return (id, signed.ETag());
    }
}
