using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.Creators;

/// <summary>POST /api/v1/creators: 201 with Location and ETag, 400 naming each field, handles unique per workspace, idempotency keys, minors.</summary>
public abstract class RegisterCreatorTests(ApiFixture fixture) : CreatorsApiTests(fixture)
{
    [Fact]
    public async Task Create_answers_201_with_location_etag_and_stores_the_creator()
    {
        var handle = Unique("lea.");
        var response = await api.Client(Roles.Brand).PostJson(Creators, NewCreator("Léa Martin", handle));
        var body = await response.Expect(HttpStatusCode.Created);

        var id = (string)body["id"]!;
        Assert.StartsWith("cr_", id);
        Assert.Equal($"/api/v1/creators/{id}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal("prospect", (string)body["stage"]!);
        Assert.Equal(handle, (string)body["socialAccounts"]![0]!["handle"]!);
        await using var c = await api.Db.OpenAsync();
        Assert.Equal("Léa Martin", await c.ExecuteScalarAsync<string>("SELECT display_name FROM creator_creators WHERE id = @id", new { id }));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM creator_social_accounts WHERE creator_id = @id", new { id }));
    }

    [Fact]
    public async Task Create_with_invalid_fields_answers_400_with_an_errors_map_and_writes_nothing()
    {
        var name = Unique("Invalid ");
        var response = await api.Client().PostJson(Creators, new
        {
            displayName = "",
            email = "not-an-email",
            country = "France",
            languages = new[] { "french" },
            stage = "famous",
            socialAccounts = new object[] { new { platform = "myspace", handle = "x" }, new { platform = "tiktok", handle = "ok", followers = -1 } },
            notes = name,
        });
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "displayName", "email", "country", "languages[0]", "stage", "socialAccounts[0].platform", "socialAccounts[1].followers" })
        {
            Assert.True(errors.ContainsKey(field), $"errors lacks {field}: {errors.ToJsonString()}");
        }

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM creator_creators WHERE notes = @name", new { name }));
    }

    [Theory]
    [InlineData("""{"displayName":"A","unknownField":1}""", "unknownField")]
    [InlineData("""{"displayName":"A","socialAccounts":[{"platform":"x","handle":"a","followerz":3}]}""", "followerz")]
    [InlineData("""{"displayName":"A","followers":"many"}""", "followers")]
    [InlineData("""{"displayName":"A","isMinor":"yes"}""", "isMinor")]
    [InlineData("""{"displayName":"A","birthDate":"31/12/2010"}""", "birthDate")]
    [InlineData("""{"displayName":"A",""", "")]
    [InlineData("""[1,2]""", "")]
    [InlineData("""{"displayName":"A","socialAccounts":[null]}""", "")]
    [InlineData("""{"displayName":"A","legalRepresentatives":[null],"tags":[null],"languages":[null]}""", "")]
    [InlineData("""{"displayName":null,"socialAccounts":[{}]}""", "")]
    public async Task Malformed_or_unknown_json_answers_400_never_500(string body, string mentioned)
    {
        var response = await api.Client().PostRaw(Creators, body);
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        Assert.Contains(mentioned, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_and_handle_is_unique_within_a_workspace_and_409_names_the_owner()
    {
        var handle = Unique("dup");
        var (ownerId, _, _) = await Create(NewCreator("First Owner", handle));

        var response = await api.Client().PostJson(Creators, NewCreator("Second", handle.ToUpperInvariant()));
        var problem = await response.Expect(HttpStatusCode.Conflict);
        Assert.Equal(ownerId, (string)problem["existingCreatorId"]!);
        Assert.Contains(ownerId, (string)problem["detail"]!, StringComparison.Ordinal);

        // The same handle on another platform, or in another workspace, is another account.
        await Create(NewCreator("Other platform", handle, platform: "tiktok"));
        await (await api.OtherWorkspace().PostJson(Creators, NewCreator("Other workspace", handle))).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Tags_differing_only_in_case_are_one_tag_on_every_engine()
    {
        var (_, _, body) = await Create(NewCreator("Tagged", Unique("tag"), extra: new { tags = new[] { "Beauty", "beauty", "BEAUTY ", "vegan" } }));
        Assert.Equal(["Beauty", "vegan"], body["tags"]!.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_response_and_refuses_another_body()
    {
        var handle = Unique("idem");
        var key = Guid.NewGuid().ToString();
        var first = await api.Client().PostJson(Creators, NewCreator("Once", handle), key);
        var firstBody = await first.Expect(HttpStatusCode.Created);
        var second = await api.Client().PostJson(Creators, NewCreator("Once", handle), key);
        var secondBody = await second.Expect(HttpStatusCode.Created);

        Assert.Equal(firstBody.ToJsonString(), secondBody.ToJsonString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        await using (var c = await api.Db.OpenAsync())
        {
            Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM creator_creators WHERE display_name = 'Once'"));
        }

        await (await api.Client().PostJson(Creators, NewCreator("Twice", handle), key)).Expect(HttpStatusCode.UnprocessableEntity);
        // Keys belong to a workspace: the same key elsewhere is a new request.
        await (await api.OtherWorkspace().PostJson(Creators, NewCreator("Once", handle), key)).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_failed_request_does_not_burn_its_idempotency_key()
    {
        var key = Guid.NewGuid().ToString();
        await (await api.Client().PostJson(Creators, new { displayName = "" }, key)).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().PostJson(Creators, NewCreator("Retried", Unique("retry")), key)).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Minors_are_derived_from_birth_date_and_keep_their_representatives()
    {
        var birth = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-15);
        var (id, _, body) = await Create(NewCreator("Young", Unique("young"), extra: new
        {
            birthDate = birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            legalRepresentatives = new[] { new { fullName = "Parent One", relationship = "parent", email = "p1@example.com" } },
        }));
        Assert.True((bool)body["isMinor"]!);
        Assert.Equal("Parent One", (string)body["legalRepresentatives"]![0]!["fullName"]!);
        var reread = await (await api.Client().GetAsync($"{Creators}/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), reread.ToJsonString());
    }
}

public sealed class RegisterCreatorOnSqlite(SqliteApiFixture api) : RegisterCreatorTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RegisterCreatorOnSqlServer(SqlServerApiFixture api) : RegisterCreatorTests(api), IClassFixture<SqlServerApiFixture>;
