using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators;

/// <summary>The creators API end to end; runs on SQLite always and on SQL Server where one answers.</summary>
public abstract class CreatorsApiTests(ApiFixture api)
{
    private const string Creators = "/api/v1/creators";

    private static object NewCreator(string name, string handle, string platform = "instagram", long followers = 10_000, object? extra = null)
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

    private async Task<(string Id, string ETag, JsonNode Body)> Create(object body, string role = Roles.Brand)
    {
        var response = await api.Client(role).PostJson(Creators, body);
        var json = await response.Expect(HttpStatusCode.Created);
        return ((string)json["id"]!, response.ETag(), json);
    }

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

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

    [Fact]
    public async Task Search_filters_by_text_platform_followers_tag_stage_and_country()
    {
        var tag = Unique("t");
        var a = await Create(NewCreator("Zoé Dupré", Unique("zoe"), followers: 50_000, extra: new { tags = new[] { tag }, country = "FR" }));
        var b = await Create(NewCreator("Bob Stone", Unique("bob"), platform: "youtube", followers: 900_000, extra: new { tags = new[] { tag }, country = "US" }));
        var c = await Create(NewCreator("Carla Ruiz", Unique("carla"), platform: "tiktok", followers: 5_000, extra: new { tags = new[] { tag }, country = "ES", stage = "contacted" }));

        async Task<string[]> Ids(string query)
        {
            var json = await (await api.Client(Roles.Viewer).GetAsync($"{Creators}?tag={tag}&{query}")).Expect(HttpStatusCode.OK);
            return json["items"]!.AsArray().Select(i => (string)i!["id"]!).ToArray();
        }

        Assert.Equal([a.Id], await Ids("q=zoe%20dupre")); // accents and case ignored
        Assert.Equal([b.Id], await Ids("q=" + Uri.EscapeDataString((string)b.Body["email"]!)));
        Assert.Equal([c.Id], await Ids("q=" + (string)c.Body["socialAccounts"]![0]!["handle"]!));
        Assert.Equal([b.Id], await Ids("platform=youtube"));
        Assert.Equal([b.Id, a.Id], await Ids("minFollowers=10000"));
        Assert.Equal([a.Id, c.Id], await Ids("maxFollowers=60000&sort=-displayName"));
        Assert.Equal([c.Id], await Ids("stage=contacted"));
        Assert.Equal([b.Id], await Ids("country=us"));
        Assert.Equal([b.Id, c.Id, a.Id], await Ids("sort=displayName"));
        Assert.Equal([c.Id, b.Id, a.Id], await Ids("sort=-createdAt"));
        Assert.Empty(await Ids("q=%25")); // a literal %, not a wildcard
    }

    [Fact]
    public async Task Tags_differing_only_in_case_are_one_tag_on_every_engine()
    {
        var (_, _, body) = await Create(NewCreator("Tagged", Unique("tag"), extra: new { tags = new[] { "Beauty", "beauty", "BEAUTY ", "vegan" } }));
        Assert.Equal(["Beauty", "vegan"], body["tags"]!.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_pages_with_cursors_without_gaps_or_repeats()
    {
        var tag = Unique("page");
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await Create(NewCreator($"Pager {i % 3}", Unique("p"), extra: new { tags = new[] { tag } }))).Id);
        }

        foreach (var sort in new[] { "displayName", "-displayName", "createdAt", "-createdAt" })
        {
            var seen = new List<string>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var url = $"{Creators}?tag={tag}&limit=3&sort={sort}" + (cursor is null ? "" : $"&cursor={cursor}");
                var json = await (await api.Client().GetAsync(url)).Expect(HttpStatusCode.OK);
                seen.AddRange(json["items"]!.AsArray().Select(x => (string)x!["id"]!));
                cursor = (string?)json["nextCursor"];
                pages++;
            }
            while (cursor is not null && pages < 10);

            Assert.Equal(3, pages);
            Assert.Equal(created.Order(), seen.Order());
            Assert.Equal(seen.Count, seen.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("sort=followers")]
    [InlineData("platform=myspace")]
    [InlineData("minFollowers=abc")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("minFollowers=10&maxFollowers=5")]
    public async Task Search_rejects_bad_parameters_with_400(string query) =>
        await (await api.Client().GetAsync($"{Creators}?{query}")).Expect(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_cursor_of_another_sort_is_refused()
    {
        var tag = Unique("cur");
        for (var i = 0; i < 2; i++)
        {
            await Create(NewCreator($"Cursor {i}", Unique("c"), extra: new { tags = new[] { tag } }));
        }

        var json = await (await api.Client().GetAsync($"{Creators}?tag={tag}&limit=1&sort=createdAt")).Expect(HttpStatusCode.OK);
        var cursor = (string)json["nextCursor"]!;
        await (await api.Client().GetAsync($"{Creators}?tag={tag}&limit=1&sort=displayName&cursor={cursor}")).Expect(HttpStatusCode.BadRequest);
    }

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

public sealed class CreatorsApiOnSqlite(SqliteApiFixture api) : CreatorsApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class CreatorsApiOnSqlServer(SqlServerApiFixture api) : CreatorsApiTests(api), IClassFixture<SqlServerApiFixture>;
