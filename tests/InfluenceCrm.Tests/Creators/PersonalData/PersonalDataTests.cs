using System.Net;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Creators.PersonalData;

/// <summary>GDPR: access (export) and erasure.</summary>
public abstract class PersonalDataTests(ApiFixture api)
{
    private const string Creators = "/api/v1/creators";

    // Each person's secret is their own: tests of this class share one database, and another test's person must not be
    // mistaken for data this one failed to erase.
    private async Task<(string Id, string Handle, string Email, string IdempotencyKey)> CreatePerson()
    {
        var handle = "erase" + Guid.NewGuid().ToString("N")[..8];
        var secret = Secret(handle);
        var email = $"{handle}@example.com";
        var key = Guid.NewGuid().ToString();
        var body = await (await api.Client(Roles.Brand).PostJson(Creators, new
        {
            displayName = $"Émilie {secret} {handle}",
            email,
            country = "FR",
            birthDate = "2012-05-01",
            notes = "phone +33 6 00 00 00 00",
            tags = new[] { "family" },
            legalRepresentatives = new[] { new { fullName = $"Parent {secret}", relationship = "parent", email = "parent@example.com" } },
            socialAccounts = new[] { new { platform = "tiktok", handle, followers = 1000 } },
        }, key)).Expect(HttpStatusCode.Created);
        return ((string)body["id"]!, handle, email, key);
    }

    private static string Secret(string handle) => "Secret" + handle[^8..];

    [Fact]
    public async Task Legal_exports_everything_held_and_the_export_is_itself_recorded()
    {
        var (id, handle, email, _) = await CreatePerson();
        await (await api.Client(Roles.Brand).GetAsync($"{Creators}/{id}/personal-data")).Expect(HttpStatusCode.Forbidden);

        var export = await (await api.Client(Roles.Legal).GetAsync($"{Creators}/{id}/personal-data")).Expect(HttpStatusCode.OK);
        Assert.Equal(email, (string)export["creator"]!["email"]!);
        Assert.Equal(handle, (string)export["creator"]!["socialAccounts"]![0]!["handle"]!);
        Assert.Equal($"Parent {Secret(handle)}", (string)export["creator"]!["legalRepresentatives"]![0]!["fullName"]!);
        Assert.Equal("legitimate_interest", (string)export["lawfulBasis"]!);
        Assert.Contains(export["history"]!.AsArray(), h => (string)h!["action"]! == "creator.personal_data_exported");
        await (await api.OtherWorkspace().GetAsync($"{Creators}/{id}/personal-data")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_export_holds_the_whole_history_of_actions_on_the_record()
    {
        var (id, handle, _, _) = await CreatePerson();
        var read = await api.Client().GetAsync($"{Creators}/{id}");
        var updated = await api.Client().Send(HttpMethod.Patch, $"{Creators}/{id}", new { notes = "met again" }, ifMatch: read.ETag(), contentType: "application/merge-patch+json");
        await updated.Expect(HttpStatusCode.OK);
        var staged = await api.Client().Send(HttpMethod.Post, $"{Creators}/{id}/stage", new { stage = "contacted" }, ifMatch: updated.ETag());
        await staged.Expect(HttpStatusCode.OK);
        await (await api.Client().PostJson($"{Creators}/{id}/social-accounts", new { platform = "youtube", handle = handle + "yt" })).Expect(HttpStatusCode.Created);

        var export = await (await api.Client(Roles.Legal).GetAsync($"{Creators}/{id}/personal-data")).Expect(HttpStatusCode.OK);
        var actions = export["history"]!.AsArray().Select(h => (string)h!["action"]!).ToList();
        Assert.Equal(["creator.created", "creator.updated", "creator.stage_changed", "creator.social_account_added", "creator.personal_data_exported"], actions);
    }

    [Fact]
    public async Task Erasure_removes_personal_data_keeps_the_record_and_is_audited()
    {
        var (id, handle, email, idempotencyKey) = await CreatePerson();
        var secret = Secret(handle);
        foreach (var q in new[] { secret, email, handle })
        {
            var before = await (await api.Client().GetAsync($"{Creators}?q={Uri.EscapeDataString(q)}")).Expect(HttpStatusCode.OK);
            Assert.Contains(before["items"]!.AsArray(), c => (string)c!["id"]! == id);
        }

        await (await api.Client(Roles.Brand).PostJson($"{Creators}/{id}/erasure", new { })).Expect(HttpStatusCode.Forbidden);

        var erased = await (await api.Client(Roles.Legal).PostJson($"{Creators}/{id}/erasure", new { reason = "Request by e-mail of 2026-11-02" }))
            .Expect(HttpStatusCode.OK);
        Assert.Contains(erased["removed"]!.AsArray(), x => ((string)x!).Contains("email", StringComparison.Ordinal));

        // The record stays (other modules point at it) but holds nothing personal.
        var after = await (await api.Client().GetAsync($"{Creators}/{id}")).Expect(HttpStatusCode.OK);
        Assert.NotNull(after["erasedAt"]);
        Assert.Null(after["email"]);
        Assert.Null(after["birthDate"]);
        Assert.Null(after["notes"]);
        Assert.Empty(after["socialAccounts"]!.AsArray());
        Assert.Empty(after["legalRepresentatives"]!.AsArray());
        Assert.True((bool)after["doNotContact"]!);
        var text = after.ToJsonString();
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(handle, text, StringComparison.Ordinal);

        foreach (var q in new[] { secret, email, handle })
        {
            var found = await (await api.Client().GetAsync($"{Creators}?q={Uri.EscapeDataString(q)}")).Expect(HttpStatusCode.OK);
            Assert.Empty(found["items"]!.AsArray());
        }

        await using (var c = await api.Db.OpenAsync())
        {
            var personal = await c.ExecuteScalarAsync<long>("""
                SELECT (SELECT COUNT(*) FROM creator_creators WHERE id = @id AND (email IS NOT NULL OR notes IS NOT NULL OR birth_date IS NOT NULL OR display_name LIKE @like))
                     + (SELECT COUNT(*) FROM creator_social_accounts WHERE creator_id = @id)
                     + (SELECT COUNT(*) FROM creator_legal_representatives WHERE creator_id = @id)
                     + (SELECT COUNT(*) FROM creator_tags WHERE creator_id = @id)
                     + (SELECT COUNT(*) FROM platform_idempotency_keys WHERE response_body LIKE @like)
                     + (SELECT COUNT(*) FROM platform_audit_log WHERE details LIKE @like OR details LIKE '%e-mail%')
                """, new { id, like = $"%{secret}%" });
            Assert.Equal(0L, personal);
            Assert.Equal(1L, await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @id AND action = 'creator.erased'", new { id }));
        }

        // Edits are refused; erasing again answers the first erasure; the handle is free for a new relationship.
        await (await api.Client().Send(HttpMethod.Patch, $"{Creators}/{id}", new { notes = "again" }, ifMatch: "*")).Expect(HttpStatusCode.Conflict);
        var again = await (await api.Client(Roles.Admin).PostJson($"{Creators}/{id}/erasure", new { })).Expect(HttpStatusCode.OK);
        Assert.Equal((string)erased["erasedAt"]!, (string)again["erasedAt"]!);
        await (await api.Client().PostJson(Creators, new { displayName = "New owner", socialAccounts = new[] { new { platform = "tiktok", handle } } }))
            .Expect(HttpStatusCode.Created);
    }
}

public sealed class PersonalDataOnSqlite(SqliteApiFixture api) : PersonalDataTests(api), IClassFixture<SqliteApiFixture>;

public sealed class PersonalDataOnSqlServer(SqlServerApiFixture api) : PersonalDataTests(api), IClassFixture<SqlServerApiFixture>;
