using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.UgcRights.Requests;

/// <summary>A reply with the hashtag from the author grants; other replies need review.</summary>
public abstract class RecordRequestReplyTests(ApiFixture fixture) : UgcRightsApiTests(fixture)
{
    [Fact]
    public async Task A_reply_with_the_hashtag_from_the_author_grants_and_other_replies_need_review()
    {
        var asset = await Asset();
        async Task<(string Id, string ETag)> Ask()
        {
            var created = await api.Client(Roles.Brand).PostJson($"{Ugc}/rights-requests", new JsonObject
            {
                ["assetId"] = asset,
                ["method"] = "comment",
                ["approvalHashtag"] = "#YesAcme",
                ["proposedTerms"] = Terms(),
                ["windowDays"] = 7,
                ["language"] = "fr",
            });
            var body = await created.Expect(HttpStatusCode.Created);
            Assert.Null(body["releaseFormUrl"]);
            var id = (string)body["request"]!["id"]!;
            return (id, (await api.Client().GetAsync($"{Ugc}/rights-requests/{id}")).ETag());
        }

        var (granted, _) = await Ask();
        var reply = await (await api.Client().PostJson($"{Ugc}/rights-requests/{granted}/replies",
            new { authorHandle = "@Camille.D", text = "Avec plaisir ! #yesacme 😊", receivedAt = DateTimeOffset.UtcNow, permalink = "https://instagram.com/p/abc/c/1" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("granted", (string)reply["status"]!);
        var grant = await (await api.Client().GetAsync($"{Ugc}/grants/{(string)reply["grantId"]!}")).Expect(HttpStatusCode.OK);
        Assert.Equal("comment_reply", (string)grant["evidence"]!["kind"]!);
        Assert.Equal("https://instagram.com/p/abc/c/1", (string)grant["evidence"]!["reference"]!);
        await (await api.Client().PostJson($"{Ugc}/rights-requests/{granted}/replies", new { authorHandle = "camille.d", text = "#YesAcme", receivedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.Conflict);

        var (tagOnly, _) = await Ask();
        var notTheTag = await (await api.Client().PostJson($"{Ugc}/rights-requests/{tagOnly}/replies",
            new { authorHandle = "camille.d", text = "Oui bien sûr #YesAcmeCorp", receivedAt = DateTimeOffset.UtcNow })).Expect(HttpStatusCode.OK);
        Assert.Equal("needs_review", (string)notTheTag["status"]!);
        var decided = await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/rights-requests/{tagOnly}/decision",
            new JsonObject { ["outcome"] = "granted", ["evidence"] = Evidence("comment_reply", DateTimeOffset.UtcNow) }, ifMatch: "\"2\"")).Expect(HttpStatusCode.OK);
        Assert.Equal("granted", (string)decided["status"]!);
        Assert.NotNull(decided["grantId"]);

        var (stranger, _) = await Ask();
        Assert.Equal("needs_review", (string)(await (await api.Client().PostJson($"{Ugc}/rights-requests/{stranger}/replies",
            new { authorHandle = "someone.else", text = "#YesAcme", receivedAt = DateTimeOffset.UtcNow })).Json())["status"]!);
        await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/rights-requests/{stranger}/decision", new { outcome = "denied" }, ifMatch: "\"2\"")).Expect(HttpStatusCode.OK);

        var (withdrawn, wEtag) = await Ask();
        await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/rights-requests/{withdrawn}/decision", new { outcome = "granted", evidence = Evidence() }, ifMatch: wEtag))
            .Expect(HttpStatusCode.Conflict);
        await (await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Ugc}/rights-requests/{withdrawn}/decision", new { outcome = "withdrawn" }, ifMatch: wEtag)).Expect(HttpStatusCode.OK);

        // A reply dated before the request it would answer proves nothing about it (CPI L131-3: consent to this request).
        var (early, _) = await Ask();
        var before = await (await api.Client().PostJson($"{Ugc}/rights-requests/{early}/replies",
            new { authorHandle = "camille.d", text = "#YesAcme", receivedAt = DateTimeOffset.UtcNow.AddDays(-1) })).Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(before["errors"]!["receivedAt"]);
    }
}

public sealed class RecordRequestReplyOnSqlite(SqliteApiFixture api) : RecordRequestReplyTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RecordRequestReplyOnSqlServer(SqlServerApiFixture api) : RecordRequestReplyTests(api), IClassFixture<SqlServerApiFixture>;
