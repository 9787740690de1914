using System.Data.Common;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Access;

/// <summary>
/// Forgotten passwords (platform_password_resets): a mailed link valid <see cref="ResetLifetime"/> that works once; only
/// its token's hash is stored. And the password itself, set by a reset or a change, always through <see cref="PasswordPolicy"/>.
/// </summary>
public sealed partial class People
{
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(30);

    internal static readonly Sql InsertReset = Sql.Both("""
        INSERT INTO platform_password_resets (id, person_id, token_hash, expires_at, used_at, created_at)
        VALUES (@Id, @PersonId, @TokenHash, @ExpiresAt, NULL, @Now)
        """);

    internal static readonly Sql FindReset = Sql.Both("""
        SELECT r.id AS Id, r.person_id AS PersonId, p.email AS Email, p.display_name AS DisplayName
        FROM platform_password_resets r JOIN platform_people p ON p.id = r.person_id
        WHERE r.token_hash = @TokenHash AND r.used_at IS NULL AND r.expires_at > @Now
        """);

    /// <summary>Uses the link: one row changed for the first use, none for a second (or a race).</summary>
    internal static readonly Sql UseReset = Sql.Both("UPDATE platform_password_resets SET used_at = @Now WHERE id = @Id AND used_at IS NULL AND expires_at > @Now");

    public sealed class ResetRow
    {
        public string Id { get; init; } = "";
        public string PersonId { get; init; } = "";
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
    }

    /// <summary>Writes a reset link for the person in the caller's transaction; returns the token for the mail.</summary>
    internal async Task<string> InsertResetAsync(DbConnection c, DbTransaction tx, string personId, string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await c.ExecuteAsync(InsertReset, new
        {
            Id = Ids.New("pwr"),
            PersonId = personId,
            TokenHash = Digest.Sha256Hex(token),
            ExpiresAt = now + ResetLifetime,
            Now = now,
        }, tx, ct);
        return token;
    }

    /// <summary>The pending reset of this link (unused, unexpired), or null.</summary>
    public async Task<ResetRow?> FindResetAsync(string token, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ResetRow>(FindReset, new { TokenHash = Digest.Sha256Hex(token), Now = clock.GetUtcNow() }, ct: ct);
    }

    /// <summary>Uses the link and sets the password in the caller's transaction; false when the link was used meanwhile.</summary>
    internal async Task<bool> UseResetAsync(DbConnection c, DbTransaction tx, ResetRow reset, string password, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await c.ExecuteAsync(UseReset, new { reset.Id, Now = now }, tx, ct) == 0)
        {
            return false;
        }

        await SetPasswordAsync(c, tx, reset.PersonId, password, ct);
        await c.ExecuteAsync(MarkEmailVerified, new { Id = reset.PersonId, Now = now }, tx, ct); // the link reached this mailbox
        return true;
    }

    /// <summary>Sets a new password (already checked against the policy) in the caller's transaction.</summary>
    internal Task SetPasswordAsync(DbConnection c, DbTransaction tx, string personId, string password, CancellationToken ct) =>
        c.ExecuteAsync(SetPassword, new { Id = personId, PasswordHash = Hasher.HashPassword(new PersonRow(), password) }, tx, ct);

    /// <summary>The person of a signed-in session, or null.</summary>
    public async Task<PersonRow?> FindByIdAsync(string personId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<PersonRow>(FindById, new { Id = personId }, ct: ct);
    }
}
