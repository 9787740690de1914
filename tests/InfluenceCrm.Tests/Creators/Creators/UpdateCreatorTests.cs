using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.Creators;

/// <summary>PATCH /api/v1/creators/{id}: If-Match, stale versions refused, merge, invalid patches change nothing.</summary>
public abstract class UpdateCreatorTests(ApiFixture fixture) : CreatorsApiTests(fixture)
{
    [Fact]
    public async Task Patch_needs_if_match_refuses_stale_versions_and_merges()
    {
        var (id, etag, _) = await Create(NewCreator("Patchable", Unique("patch")));
        var url = $"{Creators}/{id}";

        await (await api.Client().Send(HttpMethod.Patch, url, new { notes = "x" })).Expect(HttpStatusCode.PreconditionRequired);
        await (await api.Client().Send(HttpMethod.Patch, url, new { notes = "x" }, ifMatch: "\"99\"")).Expect(HttpStatusCode.PreconditionFailed);
        await (await api.Client().Send(HttpMethod.Patch, url, new { notes = "x" }, ifMatch: "garbage")).Expect(HttpStatusCode.BadRequest);

        var response = await api.Client().Send(HttpMethod.Patch, url, """{"notes":"met at VivaTech","email":null,"tags":["food","travel"]}""",
            ifMatch: etag, contentType: "application/merge-patch+json");
        var body = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("\"2\"", response.ETag());
        Assert.Equal("met at VivaTech", (string)body["notes"]!);
        Assert.Null(body["email"]);
        Assert.Equal(["food", "travel"], body["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("Patchable", (string)body["displayName"]!);

        // The old ETag is now stale.
        await (await api.Client().Send(HttpMethod.Patch, url, new { notes = "y" }, ifMatch: etag)).Expect(HttpStatusCode.PreconditionFailed);
        await (await api.OtherWorkspace().Send(HttpMethod.Patch, url, new { notes = "y" }, ifMatch: "\"2\"")).Expect(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"displayName":null}""", "displayName")]
    [InlineData("""{"country":"XX"}""", "country")]
    [InlineData("""{"stage":"active"}""", "stage")]
    [InlineData("""{"socialAccounts":[]}""", "socialAccounts")]
    [InlineData("""{"shoeSize":42}""", "shoeSize")]
    [InlineData("""{"birthDate":12}""", "birthDate")]
    [InlineData("""{"isMinor":false,"birthDate":"2015-01-01"}""", "isMinor")]
    public async Task Invalid_patches_answer_400_and_change_nothing(string patch, string field)
    {
        var (id, etag, _) = await Create(NewCreator("Unchanged", Unique("inv")));
        var response = await api.Client().Send(HttpMethod.Patch, $"{Creators}/{id}", patch, ifMatch: etag);
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());

        var after = await (await api.Client().GetAsync($"{Creators}/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (int)after["version"]!);
    }
}

public sealed class UpdateCreatorOnSqlite(SqliteApiFixture api) : UpdateCreatorTests(api), IClassFixture<SqliteApiFixture>;

public sealed class UpdateCreatorOnSqlServer(SqlServerApiFixture api) : UpdateCreatorTests(api), IClassFixture<SqlServerApiFixture>;
