using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.Creators;

/// <summary>A creator's stage: allowed transitions only, do-not-contact blocks outreach.</summary>
public abstract class ChangeCreatorStageTests(ApiFixture fixture) : CreatorsApiTests(fixture)
{
    [Fact]
    public async Task Stage_changes_follow_the_allowed_transitions()
    {
        var (id, etag, _) = await Create(NewCreator("Stager", Unique("stage")));
        var url = $"{Creators}/{id}/stage";

        await (await api.Client().Send(HttpMethod.Post, url, new { stage = "contacted" })).Expect(HttpStatusCode.PreconditionRequired);
        var illegal = await (await api.Client().Send(HttpMethod.Post, url, new { stage = "active" }, ifMatch: etag)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("contacted", (string)illegal["detail"]!, StringComparison.Ordinal);

        var moved = await api.Client().Send(HttpMethod.Post, url, new { stage = "contacted" }, ifMatch: etag);
        Assert.Equal("contacted", (string)(await moved.Expect(HttpStatusCode.OK))["stage"]!);
        await (await api.Client().Send(HttpMethod.Post, url, new { stage = "negotiating" }, ifMatch: etag)).Expect(HttpStatusCode.PreconditionFailed);
        await (await api.Client().Send(HttpMethod.Post, url, new { stage = "dreaming" }, ifMatch: moved.ETag())).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Do_not_contact_blocks_outreach_stages()
    {
        var (id, etag, _) = await Create(NewCreator("Private", Unique("dnc"), extra: new { doNotContact = true }));
        var problem = await (await api.Client().Send(HttpMethod.Post, $"{Creators}/{id}/stage", new { stage = "contacted" }, ifMatch: etag))
            .Expect(HttpStatusCode.Conflict);
        Assert.Contains("do-not-contact", (string)problem["detail"]!, StringComparison.Ordinal);
    }
}

public sealed class ChangeCreatorStageOnSqlite(SqliteApiFixture api) : ChangeCreatorStageTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ChangeCreatorStageOnSqlServer(SqlServerApiFixture api) : ChangeCreatorStageTests(api), IClassFixture<SqlServerApiFixture>;
