using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Access.ApiKeys;

/// <summary>API keys: created by admins, listed without their secrets, revoked; a revoked key stops working.</summary>
public sealed class CreateApiKeyTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Admins_create_list_and_revoke_keys_and_a_revoked_key_stops_working()
    {
        var created = await api.Client().PostJson("/api/v1/api-keys", new { role = "viewer", name = "BI dashboard" });
        var body = await created.Expect(HttpStatusCode.Created);
        var key = (string)body["key"]!;
        var id = (string)body["apiKey"]!["id"]!;
        Assert.StartsWith("icrm_", key);

        await (await api.WithKey(key).GetAsync("/api/v1/creators")).Expect(HttpStatusCode.OK);
        await (await api.WithKey(key).PostJson("/api/v1/creators", new { displayName = "x" })).Expect(HttpStatusCode.Forbidden);

        var list = await (await api.Client().GetAsync("/api/v1/api-keys?limit=200")).Expect(HttpStatusCode.OK);
        var listed = list["items"]!.AsArray().Single(k => (string)k!["id"]! == id)!;
        Assert.Equal("viewer", (string)listed["role"]!);
        Assert.DoesNotContain(key, list.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(listed["key"]);

        await (await api.OtherWorkspace().Send(HttpMethod.Delete, $"/api/v1/api-keys/{id}")).Expect(HttpStatusCode.NotFound);
        await (await api.Client().Send(HttpMethod.Delete, $"/api/v1/api-keys/{id}")).Expect(HttpStatusCode.NoContent);
        await (await api.Client().Send(HttpMethod.Delete, $"/api/v1/api-keys/{id}")).Expect(HttpStatusCode.NoContent);
        await (await api.WithKey(key).GetAsync("/api/v1/creators")).Expect(HttpStatusCode.Unauthorized);
        await (await api.Client().PostJson("/api/v1/api-keys", new { role = "root", name = "x" })).Expect(HttpStatusCode.BadRequest);
    }
}
