using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.Creators;

/// <summary>GET /api/v1/creators/{id}: the creator with its ETag, 404 for unknown or foreign ids.</summary>
public abstract class GetCreatorTests(ApiFixture fixture) : CreatorsApiTests(fixture)
{
    [Fact]
    public async Task Get_answers_the_creator_with_its_etag_and_404_for_unknown_or_foreign_ids()
    {
        var (id, etag, _) = await Create(NewCreator("Readable", Unique("read")));

        var response = await api.Client(Roles.Viewer).GetAsync($"{Creators}/{id}");
        var body = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(etag, response.ETag());
        Assert.Equal("Readable", (string)body["displayName"]!);

        await (await api.Client().GetAsync($"{Creators}/cr_doesnotexist")).Expect(HttpStatusCode.NotFound);
        var foreign = await api.OtherWorkspace().GetAsync($"{Creators}/{id}");
        var problem = await foreign.Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain("Readable", problem.ToJsonString(), StringComparison.Ordinal);
    }
}

public sealed class GetCreatorOnSqlite(SqliteApiFixture api) : GetCreatorTests(api), IClassFixture<SqliteApiFixture>;

public sealed class GetCreatorOnSqlServer(SqlServerApiFixture api) : GetCreatorTests(api), IClassFixture<SqlServerApiFixture>;
