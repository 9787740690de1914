using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators;

/// <summary>The creators API end to end; runs on SQLite always and on SQL Server where one answers.</summary>
public abstract class CreatorsApiTests(ApiFixture api)
{
    private protected readonly ApiFixture api = api;

    private protected const string Creators = "/api/v1/creators";

    private protected static object NewCreator(string name, string handle, string platform = "instagram", long followers = 10_000, object? extra = null)
    {
        var body = new JsonObject
        {
            ["displayName"] = name,
            ["email"] = $"{handle.Replace(".", "", StringComparison.Ordinal)}@example.com",
            ["country"] = "FR",
            ["languages"] = new JsonArray("fr", "en"),
            ["tags"] = new JsonArray("beauty"),
            ["socialAccounts"] = new JsonArray(new JsonObject
            {
                ["platform"] = platform,
                ["handle"] = "@" + handle,
                ["followers"] = followers,
                ["engagementRate"] = 3.5,
            }),
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

    private protected async Task<(string Id, string ETag, JsonNode Body)> Create(object body, string role = Roles.Brand)
    {
        var response = await api.Client(role).PostJson(Creators, body);
        var json = await response.Expect(HttpStatusCode.Created);
        return ((string)json["id"]!, response.ETag(), json);
    }

    private protected static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];
}
