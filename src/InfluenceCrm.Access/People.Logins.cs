using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Access;

/// <summary>
/// Single sign-on identities: (issuer, subject) linked to one person (platform_person_logins). A person is found by that
/// pair, never by e-mail. A new identity is linked to an existing person only when the provider says the address is
/// verified and the person proves it by signing in once with a method they already have — or when they have none and
/// their address was proven by a mailed link. Otherwise an attacker who created an account for someone else's address
/// (an invitation he accepted himself, say) would be handed the real owner when the owner first signs in by SSO.
/// </summary>
public sealed partial class People
{
    /// <summary>The widths of platform_person_logins' key (within SQL Server's 900 bytes).</summary>
    public const int IssuerWidth = 180, SubjectWidth = 255;

    internal static readonly Sql FindLogin = Sql.Both("SELECT person_id FROM platform_person_logins WHERE issuer = @Issuer AND subject = @Subject");

    /// <summary>Checked, then inserted: on SQL Server the key stays locked until the insert (two first sign-ins at once).</summary>
    internal static readonly Sql FindLoginLocked = Sql.Per(
        sqlite: "SELECT person_id FROM platform_person_logins WHERE issuer = @Issuer AND subject = @Subject",
        sqlServer: "SELECT person_id FROM platform_person_logins WITH (UPDLOCK, HOLDLOCK) WHERE issuer = @Issuer AND subject = @Subject");

    internal static readonly Sql InsertLogin = Sql.Both("""
        INSERT INTO platform_person_logins (issuer, subject, person_id, created_at) VALUES (@Issuer, @Subject, @PersonId, @Now)
        """);

    internal static readonly Sql CountLogins = Sql.Both("SELECT COUNT(*) FROM platform_person_logins WHERE person_id = @PersonId");

    internal static readonly Sql MarkEmailVerified = Sql.Both("UPDATE platform_people SET email_verified_at = @Now WHERE id = @Id AND " +
        "email_verified_at IS NULL");

    internal static readonly Sql EmailVerifiedAt = Sql.Both("SELECT email_verified_at FROM platform_people WHERE id = @Id");

    /// <summary>What a provider said, after every protocol check passed.</summary>
    public sealed record SsoIdentity(string Issuer, string Subject, string? Email, bool EmailVerified, string? DisplayName);

    /// <summary>SignedIn: the person; LinkRequired: an existing account must sign in once its own way first; Refused: nobody here.</summary>
    public enum SsoOutcome { SignedIn, LinkRequired, Refused }

    /// <summary>
    /// The person of a single sign-on identity: the one linked to it; else, for a verified address, a new person made by a
    /// pending invitation, or an existing one who has no other way in and whose address a mailed link proved. An existing
    /// account with a password or another identity must prove itself first (<see cref="SsoOutcome.LinkRequired"/>).
    /// Invitations pending for the person's address are used when the provider verified that address.
    /// </summary>
    public async Task<(SsoOutcome Outcome, PersonRow? Person)> ResolveSsoAsync(SsoIdentity identity, CancellationToken ct = default)
    {
        var email = identity.Email is null ? null : NormalizeEmail(identity.Email);
        PersonRow? person;
        string? linked;
        int logins;
        bool proven;
        await using (var c = await db.OpenAsync(ct))
        {
            linked = await c.ExecuteScalarAsync<string>(FindLogin, new { identity.Issuer, identity.Subject }, ct: ct);
            person = linked is not null
                ? await c.QuerySingleOrDefaultAsync<PersonRow>(FindById, new { Id = linked }, ct: ct)
                : email is null || !identity.EmailVerified ? null : await c.QuerySingleOrDefaultAsync<PersonRow>(FindByEmail, new { Email = email }, ct: ct);
            logins = person is null ? 0 : await c.ExecuteScalarAsync<int>(CountLogins, new { PersonId = person.Id }, ct: ct);
            proven = person is not null && await c.ExecuteScalarAsync<object>(EmailVerifiedAt, new { person.Id }, ct: ct) is not (null or DBNull);
        }

        if (linked is null)
        {
            if (email is null || !identity.EmailVerified)
            {
                return (SsoOutcome.Refused, null); // never matched by an address the provider did not verify
            }

            if (person is not null && (person.PasswordHash is not null || logins > 0 || !proven))
            {
                return (SsoOutcome.LinkRequired, person);
            }
        }

        var verifiedEmail = email is not null && identity.EmailVerified && (person is null || person.Email == email) ? email : null;
        var invitations = verifiedEmail is null ? [] : await AcceptPendingInvitationsAsync(verifiedEmail, ct);
        if (person is null && invitations.Count == 0)
        {
            return (SsoOutcome.Refused, null); // neither a member nor invited
        }

        foreach (var invitation in invitations)
        {
            person = await EnsureMemberAsync(verifiedEmail!, identity.DisplayName, null, invitation.WorkspaceId, invitation.Role, ct);
        }

        if (linked is null)
        {
            await LinkAsync(person!.Id, identity.Issuer, identity.Subject, ct);
        }

        if (verifiedEmail is not null)
        {
            await using var c = await db.OpenAsync(ct);
            await c.ExecuteAsync(MarkEmailVerified, new { person!.Id, Now = clock.GetUtcNow() }, ct: ct);
        }

        return (SsoOutcome.SignedIn, person);
    }

    /// <summary>Links the identity to the person; false when it is already linked (to them or to someone else).</summary>
    public Task<bool> LinkAsync(string personId, string issuer, string subject, CancellationToken ct = default) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<string>(FindLoginLocked, new { Issuer = issuer, Subject = subject }, tx, ct) is not null)
            {
                return false;
            }

            await c.ExecuteAsync(InsertLogin, new { Issuer = issuer, Subject = subject, PersonId = personId, Now = clock.GetUtcNow() }, tx, ct);
            return true;
        }, ct);

    /// <summary>The address was proven by a mailed link (an invitation accepted) or a provider's verified claim.</summary>
    internal async Task MarkEmailVerifiedAsync(string personId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(MarkEmailVerified, new { Id = personId, Now = clock.GetUtcNow() }, ct: ct);
    }

    private async Task<IReadOnlyList<InvitationRow>> AcceptPendingInvitationsAsync(string email, CancellationToken ct)
    {
        var accepted = new List<InvitationRow>();
        await using var c = await db.OpenAsync(ct);
        foreach (var invitation in await c.QueryAsync<InvitationRow>(PendingFor, new { Email = email, Now = clock.GetUtcNow() }, ct: ct))
        {
            if (await c.ExecuteAsync(AcceptInvitation, new { invitation.Id, Now = clock.GetUtcNow() }, ct: ct) == 1)
            {
                accepted.Add(invitation);
            }
        }

        return accepted;
    }
}
