using System.Globalization;
using Dapper;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.Sessions;

/// <summary>
/// Housekeeping: sessions a day after their last request (signed out, revoked or expired) and forgotten-password and portal
/// links a day after they expired are deleted; a session in use — however long ago it started — never is.
/// </summary>
public sealed class SessionPurgeTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const string Password = "a lantern by the harbour wall";

    private async Task<(CookieJar Browser, string PersonId, string SessionId)> SignedInAsync(string email)
    {
        var person = await api.Services.GetRequiredService<People>().EnsureMemberAsync(email, null, Password, api.MainWorkspaceId, Roles.Viewer);
        var browser = new CookieJar(api);
        using var signedIn = await browser.SignInAsync(email, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        await using var c = await api.Db.OpenAsync(TestContext.Current.CancellationToken);
        var session = await c.ExecuteScalarAsync<string>("SELECT id FROM platform_sessions WHERE person_id = @Id", new { person.Id });
        return (browser, person.Id, session!);
    }

    [Fact]
    public async Task Sessions_a_day_past_their_last_request_and_links_a_day_past_expiry_are_deleted_and_a_session_in_use_is_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var (live, livePerson, liveSession) = await SignedInAsync("in.use@acme.example");
        var (idle, _, idleSession) = await SignedInAsync("gone.home@acme.example");
        var (_, _, endedSession) = await SignedInAsync("signed.out@acme.example");
        await api.Services.GetRequiredService<InfluenceCrm.Access.Sessions>().RevokeAsync(endedSession, ct);
        var now = DateTimeOffset.UtcNow;
        await using var c = await api.Db.OpenAsync(ct);
        const string Age = "UPDATE platform_sessions SET created_at = @Created, last_seen_at = @Seen WHERE id = @Id";
        await c.ExecuteAsync(Age, new { Created = now.AddDays(-3), Seen = now.AddHours(-11), Id = liveSession }); // started 3 days ago, in use
        await c.ExecuteAsync(Age, new { Created = now.AddDays(-2), Seen = now.AddHours(-25), Id = idleSession }); // its cookie expired long ago
        await c.ExecuteAsync(Age, new { Created = now.AddDays(-2), Seen = now.AddHours(-25), Id = endedSession });
        await c.ExecuteAsync("""
            INSERT INTO platform_password_resets (id, person_id, token_hash, expires_at, used_at, created_at)
            VALUES ('pwr_old', @Person, 'old-hash', @Old, NULL, @Old), ('pwr_fresh', @Person, 'fresh-hash', @Fresh, NULL, @Now)
            """, new { Person = livePerson, Old = now.AddDays(-2), Fresh = now.AddMinutes(30), Now = now });
        await c.ExecuteAsync("""
            INSERT INTO platform_portal_links (token_hash, email, language, created_at, expires_at, used_at)
            VALUES ('old-link', 'c@example.com', 'fr', @Old, @Old, @Old), ('fresh-link', 'c@example.com', 'fr', @Now, @Fresh, NULL)
            """, new { Old = now.AddDays(-2), Fresh = now.AddMinutes(15), Now = now });
        var plan = string.Join(" ", (await c.QueryAsync("EXPLAIN QUERY PLAN " + AccessHousekeeping.PurgeSessions.Sqlite,
            new { Cutoff = "2021-01-01T00:00:00.0000000Z", Batch = 1000 })).Select(row => (string)row.detail));
        Assert.Contains("ix_platform_sessions_last_seen", plan, StringComparison.Ordinal);

        var purged = await api.Services.GetRequiredService<AccessHousekeeping>().PurgeAsync(ct);

        Assert.Equal((2, 1, 1), purged);
        Assert.Equal([liveSession], await c.QueryAsync<string>("SELECT id FROM platform_sessions WHERE id IN @Ids",
            new { Ids = new[] { liveSession, idleSession, endedSession } }));
        Assert.Equal(["pwr_fresh"], await c.QueryAsync<string>("SELECT id FROM platform_password_resets"));
        Assert.Equal(["fresh-link"], await c.QueryAsync<string>("SELECT token_hash FROM platform_portal_links"));
        Assert.True(await live.IsSignedInAsync()); // the session in use goes on, and its request is seen
        var seen = DateTimeOffset.Parse(await c.ExecuteScalarAsync<string>("SELECT last_seen_at FROM platform_sessions WHERE id = @Id",
            new { Id = liveSession }) ?? "", CultureInfo.InvariantCulture);
        Assert.True(now - seen < TimeSpan.FromMinutes(5), $"last seen {seen:O}");
        Assert.False(await idle.IsSignedInAsync());
    }
}
