using InfluenceCrm.Platform;
using System.Data.Common;
using System.Security.Cryptography;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;

namespace InfluenceCrm.Access;

/// <summary>Invitations: a link (only its token's hash is stored) that makes a person a member of a workspace with a role.</summary>
public sealed partial class People
{
    internal static readonly Sql InsertInvitation = Sql.Both("""
        INSERT INTO platform_invitations (id, workspace_id, email, role, token_hash, expires_at, accepted_at, created_by, created_at)
        VALUES (@Id, @WorkspaceId, @Email, @Role, @TokenHash, @ExpiresAt, NULL, @CreatedBy, @Now)
        """);

    internal static readonly Sql FindInvitation = Sql.Both("""
        SELECT i.id AS Id, i.workspace_id AS WorkspaceId, w.name AS WorkspaceName, i.email AS Email, i.role AS Role, i.expires_at AS ExpiresAt, i.accepted_at AS
          AcceptedAt
        FROM platform_invitations i JOIN platform_workspaces w ON w.id = i.workspace_id WHERE i.token_hash = @TokenHash
        """);

    internal static readonly Sql PendingFor = Sql.Both("""
        SELECT id AS Id, workspace_id AS WorkspaceId, '' AS WorkspaceName, email AS Email, role AS Role, expires_at AS ExpiresAt, accepted_at AS AcceptedAt
        FROM platform_invitations WHERE email = @Email AND accepted_at IS NULL AND expires_at > @Now ORDER BY created_at, id
        """);

    internal static readonly Sql AcceptInvitation = Sql.Both("UPDATE platform_invitations SET accepted_at = @Now WHERE id = @Id AND accepted_at IS NULL");

    internal static readonly Sql PendingInvitations = Sql.Both("""
        SELECT id AS Id, workspace_id AS WorkspaceId, '' AS WorkspaceName, email AS Email, role AS Role, expires_at AS ExpiresAt, accepted_at AS AcceptedAt
        FROM platform_invitations WHERE workspace_id = @WorkspaceId AND accepted_at IS NULL AND expires_at > @Now ORDER BY created_at, id
        """);

    /// <summary>An invitation just made: its id (what the audit log names) and the token for the link.</summary>
    public sealed record InvitationLink(string Id, string Token);

    public sealed class InvitationRow
    {
        public string Id { get; init; } = "";
        public string WorkspaceId { get; init; } = "";
        public string WorkspaceName { get; init; } = "";
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? AcceptedAt { get; init; }
    }

    /// <summary>
    /// An invitation without mail (the tests and scripts): its id and the link's token. The console mails invitations
    /// through <see cref="Invitations"/>, so that the link reaches only the invited mailbox.
    /// </summary>
    public async Task<InvitationLink> InviteAsync(string workspaceId, string email, string role, string invitedBy, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await InsertInvitationAsync(c, null, workspaceId, email, role, invitedBy, ct);
    }

    /// <summary>Writes an invitation valid <see cref="InvitationLifetime"/> with a new random token; only the token's hash is stored.</summary>
    internal async Task<InvitationLink> InsertInvitationAsync(DbConnection c, DbTransaction? tx, string workspaceId, string email, string role,
        string invitedBy, CancellationToken ct)
    {
        var invitation = new InvitationLink(Ids.New("inv"), NewInvitationToken());
        await c.ExecuteAsync(InsertInvitation, new
        {
            invitation.Id,
            WorkspaceId = workspaceId,
            Email = NormalizeEmail(email),
            Role = role,
            TokenHash = Digest.Sha256Hex(invitation.Token),
            ExpiresAt = clock.GetUtcNow() + InvitationLifetime,
            CreatedBy = invitedBy,
            Now = clock.GetUtcNow(),
        }, tx, ct);
        return invitation;
    }

    internal static string NewInvitationToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public async Task<InvitationRow?> FindInvitationAsync(string token, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<InvitationRow>(FindInvitation, new { TokenHash = Digest.Sha256Hex(token) }, ct: ct);
        return row is null || row.AcceptedAt is not null || row.ExpiresAt <= clock.GetUtcNow() ? null : row;
    }

    /// <summary>
    /// Accepts an invitation. A new address chooses its password here. An address that already has an account keeps its
    /// sign-in methods untouched: with a password, it must give that password; without one (single sign-on only), it
    /// cannot accept here and signs in with its provider, which accepts the invitation. An invitation never sets or
    /// replaces the password of an existing account: a person made by single sign-on, invited from another workspace,
    /// was taken over by whoever opened the link and chose a password.
    /// </summary>
    public async Task<PersonRow?> AcceptInvitationAsync(string token, string displayName, string password, CancellationToken ct = default)
    {
        var invitation = await FindInvitationAsync(token, ct);
        if (invitation is null)
        {
            return null;
        }

        PersonRow? existing;
        await using (var c = await db.OpenAsync(ct))
        {
            existing = await c.QuerySingleOrDefaultAsync<PersonRow>(FindByEmail, new { invitation.Email }, ct: ct);
        }

        if (existing is not null
            && (existing.PasswordHash is null || (await CheckPasswordAsync(invitation.Email, password, ct)).Outcome != SignInOutcome.Succeeded))
        {
            return null;
        }

        await using (var c = await db.OpenAsync(ct))
        {
            if (await c.ExecuteAsync(AcceptInvitation, new { invitation.Id, Now = clock.GetUtcNow() }, ct: ct) == 0)
            {
                return null; // accepted meanwhile
            }
        }

        var person = await EnsureMemberAsync(invitation.Email, displayName, existing is null ? password : null, invitation.WorkspaceId, invitation.Role, ct);
        await MarkEmailVerifiedAsync(person.Id, ct); // the link reached this mailbox
        return person;
    }

    public async Task<IReadOnlyList<InvitationRow>> PendingInvitationsAsync(string workspaceId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<InvitationRow>(PendingInvitations, new { WorkspaceId = workspaceId, Now = clock.GetUtcNow() }, ct: ct)).ToList();
    }
}
