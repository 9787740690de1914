using InfluenceCrm.Access.PublicQueries;
using InfluenceCrm.Platform;
using System.Data.Common;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Mail;

namespace InfluenceCrm.Access;

/// <summary>
/// Invitations are mailed to the address they are for, never shown to the admin who sends them: opening the link is then
/// proof that the person reads that mailbox. The admin sees "sent to …", can send it again (a new link; the old one stops
/// working) and revoke it while it is pending. The invitation row and its mail are written in one transaction.
/// </summary>
public sealed class Invitations(Db db, TimeProvider clock, People people, MailOutbox outbox, WorkspaceBranding branding, PublicUrls urls)
{
    internal static readonly Sql Resend = Sql.Both("""
        UPDATE platform_invitations SET token_hash = @TokenHash, expires_at = @ExpiresAt
        WHERE id = @Id AND workspace_id = @WorkspaceId AND accepted_at IS NULL AND expires_at > @Now
        """);

    /// <summary>A revoked invitation simply expires now: its link stops working and it leaves the pending list.</summary>
    internal static readonly Sql Revoke = Sql.Both("""
        UPDATE platform_invitations SET expires_at = @Now WHERE id = @Id AND workspace_id = @WorkspaceId AND accepted_at IS NULL AND expires_at > @Now
        """);

    internal static readonly Sql Pending = Sql.Both("""
        SELECT i.id AS Id, i.workspace_id AS WorkspaceId, w.name AS WorkspaceName, i.email AS Email, i.role AS Role, i.expires_at AS ExpiresAt,
            i.accepted_at AS AcceptedAt
        FROM platform_invitations i JOIN platform_workspaces w ON w.id = i.workspace_id
        WHERE i.id = @Id AND i.workspace_id = @WorkspaceId AND i.accepted_at IS NULL AND i.expires_at > @Now
        """);

    /// <summary>
    /// Invites the address to the workspace with the role and mails it the link (on PublicBaseUrl, or else on the address
    /// the admin is using). Returns the invitation's id.
    /// </summary>
    public async Task<string> InviteAsync(string workspaceId, string email, string role, string invitedBy, string language, CancellationToken ct = default)
    {
        var brand = await branding.GetAsync(workspaceId, ct);
        return await db.InTransactionAsync((c, tx) => InviteAsync(c, tx, brand, workspaceId, email, role, invitedBy, language, ct), ct);
    }

    /// <summary>The same, in the caller's transaction (the invitation, its mail and the audit entry commit together).</summary>
    internal async Task<string> InviteAsync(DbConnection c, DbTransaction tx, WorkspaceBrand brand, string workspaceId, string email, string role,
        string invitedBy, string language, CancellationToken ct)
    {
        var invitation = await people.InsertInvitationAsync(c, tx, workspaceId, email, role, invitedBy, ct);
        await EnqueueAsync(c, tx, workspaceId, brand, People.NormalizeEmail(email), role, language, invitation.Token, ct);
        return invitation.Id;
    }

    /// <summary>Mails a pending invitation again with a new link (the old one stops working); false when it is not pending.</summary>
    public async Task<bool> ResendAsync(string workspaceId, string invitationId, string language, CancellationToken ct = default)
    {
        var brand = await branding.GetAsync(workspaceId, ct);
        return await db.InTransactionAsync((c, tx) => ResendAsync(c, tx, brand, workspaceId, invitationId, language, ct), ct);
    }

    /// <summary>The same, in the caller's transaction.</summary>
    internal async Task<bool> ResendAsync(DbConnection c, DbTransaction tx, WorkspaceBrand brand, string workspaceId, string invitationId, string language,
        CancellationToken ct)
    {
        var token = People.NewInvitationToken();
        var now = clock.GetUtcNow();
        var ids = new { Id = invitationId, WorkspaceId = workspaceId, Now = now };
        var invitation = await c.QuerySingleOrDefaultAsync<People.InvitationRow>(Pending, ids, tx, ct);
        if (invitation is null || await c.ExecuteAsync(Resend, new
        {
            Id = invitationId,
            WorkspaceId = workspaceId,
            TokenHash = Digest.Sha256Hex(token),
            ExpiresAt = now + People.InvitationLifetime,
            Now = now,
        }, tx, ct) == 0)
        {
            return false;
        }

        await EnqueueAsync(c, tx, workspaceId, brand, invitation.Email, invitation.Role, language, token, ct);
        return true;
    }

    /// <summary>Revokes a pending invitation: its link stops working. False when it was not pending.</summary>
    public Task<bool> RevokeAsync(string workspaceId, string invitationId, CancellationToken ct = default) =>
        db.InTransactionAsync((c, tx) => RevokeAsync(c, tx, workspaceId, invitationId, ct), ct);

    /// <summary>The same, in the caller's transaction.</summary>
    internal async Task<bool> RevokeAsync(DbConnection c, DbTransaction tx, string workspaceId, string invitationId, CancellationToken ct) =>
        await c.ExecuteAsync(Revoke, new { Id = invitationId, WorkspaceId = workspaceId, Now = clock.GetUtcNow() }, tx, ct) == 1;

    private Task<string> EnqueueAsync(DbConnection c, DbTransaction tx, string workspaceId, WorkspaceBrand brand, string address, string role,
        string language, string token, CancellationToken ct) =>
        outbox.EnqueueAsync(c, tx, Mail(workspaceId, brand.Name, address, role, language, urls.For($"/invitations/{token}")),
            new MailBranding(brand.Name, brand.Logo, brand.LogoType), ct);

    private static OutgoingMail Mail(string workspaceId, string workspaceName, string address, string role, string language, string link)
    {
        var french = language.StartsWith("fr", StringComparison.OrdinalIgnoreCase);
        var roleName = RoleName(role, french);
        var subject = french ? $"Invitation à rejoindre {workspaceName} sur InfluenceCrm" : $"You are invited to join {workspaceName} on InfluenceCrm";
        var intro = french
            ? $"Vous êtes invité(e) à rejoindre l'espace {workspaceName} sur InfluenceCrm, avec le rôle {roleName}."
            : $"You are invited to join the {workspaceName} workspace on InfluenceCrm, with the role {roleName}.";
        var validity = french
            ? "Ce lien est valable 7 jours et ne sert qu'une fois. Si vous n'attendiez pas cette invitation, ignorez ce message."
            : "This link is valid for 7 days and works once. If you did not expect this invitation, ignore this message.";
        var action = french ? "Accepter l'invitation" : "Accept the invitation";
        return new OutgoingMail(workspaceId, "invitation", address, null, french ? "fr" : "en", subject,
            $"{intro}\n\n{action} : {link}\n\n{validity}\n",
            MailHtml.Paragraph(intro) + MailHtml.Button(link, action) + MailHtml.Paragraph(validity));
    }

    private static string RoleName(string role, bool french) => (role, french) switch
    {
        (Roles.Admin, _) => french ? "administrateur" : "admin",
        (Roles.Brand, _) => french ? "marque" : "brand",
        (Roles.Legal, _) => french ? "juridique" : "legal",
        (Roles.Integration, _) => french ? "intégration" : "integration",
        _ => french ? "lecture seule" : "viewer",
    };
}
