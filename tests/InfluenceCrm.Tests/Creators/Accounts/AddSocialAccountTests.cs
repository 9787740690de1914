using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.Accounts;

/// <summary>A creator's social accounts added, updated and removed.</summary>
public abstract class AddSocialAccountTests(ApiFixture fixture) : CreatorsApiTests(fixture)
{
    [Fact]
    public async Task Social_accounts_can_be_added_updated_and_removed()
    {
        var (id, etag, _) = await Create(NewCreator("Multi", Unique("multi")));
        var handle = Unique("yt");
        var added = await api.Client(Roles.Integration).PostJson($"{Creators}/{id}/social-accounts",
            new { platform = "youtube", handle, url = "https://youtube.com/@" + handle, followers = 1200 });
        var body = await added.Expect(HttpStatusCode.Created);
        var account = body["socialAccounts"]!.AsArray().Single(a => (string)a!["platform"]! == "youtube")!;
        var accountId = (string)account["id"]!;
        Assert.EndsWith(accountId, added.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(etag, added.ETag());

        await (await api.Client().PostJson($"{Creators}/{id}/social-accounts", new { platform = "youtube", handle })).Expect(HttpStatusCode.Conflict);
        await (await api.Client().PostJson($"{Creators}/{id}/social-accounts", new { platform = "youtube", handle = "a b" })).Expect(HttpStatusCode.BadRequest);

        var accountUrl = $"{Creators}/{id}/social-accounts/{accountId}";
        await (await api.Client().Send(HttpMethod.Put, accountUrl, new { handle, followers = 5 })).Expect(HttpStatusCode.PreconditionRequired);
        var updated = await api.Client().Send(HttpMethod.Put, accountUrl,
            new { handle, url = "https://youtube.com/@" + handle, followers = 2500, engagementRate = 4.25, metricsAsOf = "2026-01-01T00:00:00Z" },
            ifMatch: added.ETag());
        var afterUpdate = await updated.Expect(HttpStatusCode.OK);
        var stored = afterUpdate["socialAccounts"]!.AsArray().Single(a => (string)a!["id"]! == accountId)!;
        Assert.Equal(2500, (long)stored["followers"]!);
        Assert.Equal(4.25m, (decimal)stored["engagementRate"]!);

        await (await api.Client().Send(HttpMethod.Delete, accountUrl, ifMatch: added.ETag())).Expect(HttpStatusCode.PreconditionFailed);
        var removed = await (await api.Client().Send(HttpMethod.Delete, accountUrl, ifMatch: updated.ETag())).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(removed["socialAccounts"]!.AsArray(), a => (string)a!["id"]! == accountId);
        await (await api.Client().Send(HttpMethod.Delete, accountUrl, ifMatch: "*")).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class AddSocialAccountOnSqlite(SqliteApiFixture api) : AddSocialAccountTests(api), IClassFixture<SqliteApiFixture>;

public sealed class AddSocialAccountOnSqlServer(SqlServerApiFixture api) : AddSocialAccountTests(api), IClassFixture<SqlServerApiFixture>;
