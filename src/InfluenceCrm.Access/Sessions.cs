using System.Data.Common;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Access;

/// <summary>
/// Console sessions kept on the server (platform_sessions). The cookie names its session (<see cref="Claim"/>) and every
/// request checks, in the one query that also reads the person's role, that the session is still open: sign-out ends it;
/// a password change ends the person's other sessions; a password reset and "sign out everywhere" end all of them. A copied
/// cookie stops working at its next request, wherever it is. A request also keeps the session's last_seen_at to the hour
/// (<see cref="TouchEvery"/>): <see cref="AccessHousekeeping"/> deletes a session a day after it, when its cookie is long expired.
/// </summary>
public sealed class Sessions(Db db, TimeProvider clock)
{
    /// <summary>The claim of the console cookie that names its server-side session.</summary>
    public const string Claim = "session_id";

    /// <summary>How stale last_seen_at may grow before a request writes it again: one write per session and hour, not per request.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromHours(1);

    internal static readonly Sql Insert = Sql.Both("""
        INSERT INTO platform_sessions (id, person_id, created_at, revoked_at, last_seen_at) VALUES (@Id, @PersonId, @Now, NULL, @Now)
        """);

    internal static readonly Sql Revoke = Sql.Both("UPDATE platform_sessions SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL");

    internal static readonly Sql RevokeAll = Sql.Both("UPDATE platform_sessions SET revoked_at = @Now WHERE person_id = @PersonId AND revoked_at IS NULL");

    internal static readonly Sql RevokeAllBut = Sql.Both("""
        UPDATE platform_sessions SET revoked_at = @Now WHERE person_id = @PersonId AND revoked_at IS NULL AND id <> @Except
        """);

    /// <summary>The person's role in the workspace, through an open session of theirs (none when either is gone), and when it was last seen.</summary>
    internal static readonly Sql RoleInSession = Sql.Both("""
        SELECT m.role AS Role, s.last_seen_at AS LastSeenAt FROM platform_sessions s JOIN platform_memberships m ON m.person_id = s.person_id
        WHERE s.id = @SessionId AND s.person_id = @PersonId AND s.revoked_at IS NULL AND m.workspace_id = @WorkspaceId
        """);

    /// <summary>Opens a session for the person; its id goes into the cookie.</summary>
    public async Task<string> OpenAsync(string personId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var id = Ids.New("ses");
        await c.ExecuteAsync(Insert, new { Id = id, PersonId = personId, Now = clock.GetUtcNow() }, ct: ct);
        return id;
    }

    internal static readonly Sql Touch = Sql.Both("UPDATE platform_sessions SET last_seen_at = @Now WHERE id = @Id AND revoked_at IS NULL");

    internal sealed class SeenRow
    {
        public string Role { get; init; } = "";
        public DateTimeOffset? LastSeenAt { get; init; }
    }

    public async Task RevokeAsync(string sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(Revoke, new { Id = sessionId, Now = clock.GetUtcNow() }, ct: ct);
    }

    /// <summary>Ends every open session of the person except <paramref name="except"/>, in the caller's transaction; how many ended.</summary>
    internal Task<int> RevokeAllAsync(DbConnection c, DbTransaction tx, string personId, string? except, CancellationToken ct) =>
        c.ExecuteAsync(except is null ? RevokeAll : RevokeAllBut, new { PersonId = personId, Except = except, Now = clock.GetUtcNow() }, tx, ct);

    /// <summary>The role the cookie's person has in its workspace while its session is open; null ends the cookie.</summary>
    public async Task<string?> RoleAsync(string sessionId, string personId, string workspaceId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<SeenRow>(RoleInSession, new { SessionId = sessionId, PersonId = personId, WorkspaceId = workspaceId },
            ct: ct);
        var now = clock.GetUtcNow();
        if (row is not null && (row.LastSeenAt is null || now - row.LastSeenAt.Value >= TouchEvery))
        {
            try
            {
                await c.ExecuteAsync(Touch, new { Id = sessionId, Now = now }, ct: ct);
            }
            catch (DbException)
            {
                // A busy database never fails the request for this: the next request of the hour writes it.
            }
        }

        return row?.Role;
    }
}
