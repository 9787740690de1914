using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights;

/// <summary>UGC rights end to end over HTTP, on SQLite and on SQL Server where one answers.</summary>
public abstract class UgcRightsApiTests(ApiFixture api)
{
    private protected readonly ApiFixture api = api;

    private protected const string Ugc = "/api/v1/ugc";
    private protected static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    internal static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static JsonObject Terms(string[]? channels = null, string[]? territories = null, int startIn = -30, int? endIn = 365, bool modification = false, string? law = "FR") => new()
    {
        ["licensor"] = new JsonObject { ["name"] = "Camille Dupont", ["handle"] = "camille.d", ["identityVerified"] = true },
        ["licensees"] = new JsonArray("Acme Beauty SAS"),
        ["rights"] = new JsonArray("reproduction", "public_display", "adaptation"),
        ["channels"] = new JsonArray((channels ?? ["organic_social", "website"]).Select(c => (JsonNode?)c).ToArray()),
        ["territories"] = new JsonArray((territories ?? ["FR", "BE"]).Select(t => (JsonNode?)t).ToArray()),
        ["startsOn"] = Day(startIn),
        ["endsOn"] = endIn is null ? null : Day(endIn.Value),
        ["modificationAllowed"] = modification,
        ["attributionRequired"] = true,
        ["governingLaw"] = law,
        ["purpose"] = "Product page and brand posts",
    };

    internal static JsonObject Evidence(string kind = "signed_document", DateTimeOffset? receivedAt = null) => new()
    {
        ["kind"] = kind,
        ["reference"] = "https://docs.example.com/release-42.pdf",
        ["receivedAt"] = receivedAt ?? DateTimeOffset.UtcNow.AddDays(-1),
    };

    private protected async Task<string> Asset(string platform = "instagram", JsonArray? people = null)
    {
        var body = await (await api.Client(Roles.Integration).PostJson($"{Ugc}/assets", new JsonObject
        {
            ["sourceUrl"] = "https://instagram.com/p/abc" + Guid.NewGuid().ToString("N")[..6],
            ["platform"] = platform,
            ["authorHandle"] = "@camille.d",
            ["mediaType"] = "image",
            ["capturedAt"] = DateTimeOffset.UtcNow.AddDays(-2),
            ["sha256"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            ["people"] = people ?? new JsonArray(),
        })).Expect(HttpStatusCode.Created);
        return (string)body["id"]!;
    }

    private protected async Task<(string Id, string ETag)> Grant(string assetId, JsonObject terms)
    {
        var response = await api.Client(Roles.Legal).PostJson($"{Ugc}/grants", new JsonObject { ["assetId"] = assetId, ["terms"] = terms, ["evidence"] = Evidence() });
        var body = await response.Expect(HttpStatusCode.Created);
        var id = (string)body["id"]!;
        return (id, (await api.Client().GetAsync($"{Ugc}/grants/{id}")).ETag());
    }

    private protected async Task<JsonNode> Check(string assetId, string channel = "organic_social", string territory = "FR", int dateIn = 0, bool modification = false, string role = Roles.Viewer) =>
        await (await api.Client(role).PostJson($"{Ugc}/rights-checks",
                new { assetId, channel, territory, date = Day(dateIn), modification, attribution = true }))
            .Expect(HttpStatusCode.OK);

    private protected static string[] Codes(JsonNode answer) => answer["reasons"]!.AsArray().Select(r => (string)r!["code"]!).Order().ToArray();
}
