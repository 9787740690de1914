using System.Data.Common;
using InfluenceCrm.Access.PublicQueries;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Mail;
using InfluenceCrm.Platform.WebConsole;
using MediatR;

namespace InfluenceCrm.Access;

/// <summary>
/// The portal's sign-in: a link mailed to the creator's address, valid <see cref="Lifetime"/> and once (only its token's
/// SHA-256 is stored), and who an address may act as — the creators with exactly that address in the workspaces that invited
/// them (platform_portal_invitations). A workspace invites a creator, not an address: when the creator's address changes, the
/// portal follows the new one.
/// </summary>
public sealed class PortalLinks(Db db, TimeProvider clock, MailOutbox outbox, WorkspaceBranding branding, PublicUrls urls, IMediator mediator)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>At most this many links per address per <see cref="Lifetime"/>: more asks get the same answer and no mail.</summary>
    public const int MaxLinksPerLifetime = 5;

    internal static readonly Sql Invited = Sql.Both("""
        SELECT COUNT(*) FROM platform_portal_invitations WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId
        """);

    internal static readonly Sql UpdateInvitation = Sql.Both("""
        UPDATE platform_portal_invitations SET invited_at = @Now, invited_by = @InvitedBy WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId
        """);

    internal static readonly Sql InsertInvitation = Sql.Both("""
        INSERT INTO platform_portal_invitations (workspace_id, creator_id, invited_at, invited_by) VALUES (@WorkspaceId, @CreatorId, @Now, @InvitedBy)
        """);

    /// <summary>The count holds until the link is written (two asks at once cannot both pass the limit).</summary>
    internal static readonly Sql RecentLinks = Sql.Per(
        sqlite: "SELECT COUNT(*) FROM platform_portal_links WHERE email = @Email AND created_at > @Since",
        sqlServer: "SELECT COUNT(*) FROM platform_portal_links WITH (UPDLOCK, HOLDLOCK) WHERE email = @Email AND created_at > @Since");

    internal static readonly Sql InsertLink = Sql.Both("""
        INSERT INTO platform_portal_links (token_hash, email, language, created_at, expires_at) VALUES (@TokenHash, @Email, @Language, @Now, @ExpiresAt)
        """);

    internal static readonly Sql UseLink = Sql.Both("""
        UPDATE platform_portal_links SET used_at = @Now WHERE token_hash = @TokenHash AND used_at IS NULL AND expires_at > @Now
        """);

    internal static readonly Sql LinkOwner = Sql.Both("SELECT email AS Email, language AS Language FROM platform_portal_links WHERE token_hash = @TokenHash");

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The creators this address may act as, each under its workspace's name and logo.</summary>
    public async Task<IReadOnlyList<PortalIdentity>> IdentitiesAsync(string email, CancellationToken ct)
    {
        var creators = await mediator.Send(new FindCreatorsByEmail.Request(email), ct);
        if (creators.Count == 0)
        {
            return [];
        }

        var found = new List<PortalIdentity>();
        var brands = new Dictionary<string, WorkspaceBrand>(StringComparer.Ordinal);
        await using var c = await db.OpenAsync(ct);
        foreach (var creator in creators)
        {
            if (await c.ExecuteScalarAsync<long>(Invited, new { creator.WorkspaceId, CreatorId = creator.Id }, ct: ct) == 0)
            {
                continue;
            }

            if (!brands.TryGetValue(creator.WorkspaceId, out var brand))
            {
                brands[creator.WorkspaceId] = brand = await branding.GetAsync(creator.WorkspaceId, ct);
            }

            found.Add(new PortalIdentity(creator.WorkspaceId, brand.Name, brand.LogoDataUri, creator.Id, creator.DisplayName, creator.Language));
        }

        return [.. found.OrderBy(i => i.WorkspaceName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(i => i.CreatorName, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Records the workspace's invitation of its creator and mails the creator a sign-in link, in their language.</summary>
    public async Task InviteAsync(string workspaceId, CreatorContact creator, string invitedBy, CancellationToken ct)
    {
        var brand = await branding.GetAsync(workspaceId, ct);
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async (c, tx) =>
        {
            var p = new { WorkspaceId = workspaceId, CreatorId = creator.Id, Now = now, InvitedBy = invitedBy };
            if (await c.ExecuteAsync(UpdateInvitation, p, tx, ct) == 0)
            {
                await c.ExecuteAsync(InsertInvitation, p, tx, ct);
            }

            await IssueAsync(c, tx, Normalize(creator.Email!), creator.Language, workspaceId, brand, creator.DisplayName, invited: true, ct);
            return true;
        }, ct);
    }

    /// <summary>
    /// Someone at /portal asks for a link: mailed only when the address may act as a creator (and has not asked too often), and
    /// the caller learns nothing either way. The mail speaks the language of the page it was asked from.
    /// </summary>
    public async Task RequestAsync(string email, string language, CancellationToken ct)
    {
        var address = Normalize(email);
        var identities = await IdentitiesAsync(address, ct);
        if (identities.Count == 0)
        {
            return;
        }

        var workspaces = identities.Select(i => i.WorkspaceId).Distinct(StringComparer.Ordinal).ToList();
        var brand = workspaces.Count == 1 ? await branding.GetAsync(workspaces[0], ct) : null;
        await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(RecentLinks, new { Email = address, Since = clock.GetUtcNow() - Lifetime }, tx, ct) >= MaxLinksPerLifetime)
            {
                return false;
            }

            await IssueAsync(c, tx, address, language, brand is null ? null : workspaces[0], brand, identities[0].CreatorName, invited: false, ct);
            return true;
        }, ct);
    }

    /// <summary>Uses a link: the address it was mailed to and its language, or null when it is unknown, used or expired.</summary>
    public async Task<(string Email, string Language)?> RedeemAsync(string token, CancellationToken ct)
    {
        if (token.Length is 0 or > 100)
        {
            return null;
        }

        var hash = Digest.Sha256Hex(token);
        return await db.InTransactionAsync<(string, string)?>(async (c, tx) =>
        {
            if (await c.ExecuteAsync(UseLink, new { TokenHash = hash, Now = clock.GetUtcNow() }, tx, ct) != 1)
            {
                return null;
            }

            var owner = (await c.QuerySingleOrDefaultAsync<LinkRow>(LinkOwner, new { TokenHash = hash }, tx, ct))!;
            return (owner.Email, owner.Language);
        }, ct);
    }

    private async Task IssueAsync(DbConnection c, DbTransaction tx, string email, string language, string? workspaceId, WorkspaceBrand? brand,
        string creatorName, bool invited, CancellationToken ct)
    {
        var token = People.NewInvitationToken();
        var now = clock.GetUtcNow();
        var french = !language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var row = new { TokenHash = Digest.Sha256Hex(token), Email = email, Language = french ? "fr" : "en", Now = now, ExpiresAt = now + Lifetime };
        await c.ExecuteAsync(InsertLink, row, tx, ct);
        var link = urls.For($"/portal/sign-in?token={Uri.EscapeDataString(token)}");
        var name = brand?.Name ?? "InfluenceCrm";
        var subject = (invited, french) switch
        {
            (true, true) => $"{name} vous ouvre son espace créateur",
            (true, false) => $"{name} opens its creator space to you",
            (false, true) => "Votre lien de connexion à l'espace créateur",
            (false, false) => "Your sign-in link to the creator space",
        };
        var intro = (invited, french) switch
        {
            (true, true) => $"Bonjour {creatorName}, {name} vous invite dans son espace créateur : vos briefs, vos contenus à livrer et leurs retours.",
            (true, false) => $"Hello {creatorName}, {name} invites you to its creator space: your briefs, the content you deliver and the feedback on it.",
            (false, true) => $"Bonjour {creatorName}, voici votre lien pour entrer dans l'espace créateur.",
            (false, false) => $"Hello {creatorName}, here is your link into the creator space.",
        };
        var validity = french
            ? "Ce lien est valable 15 minutes et ne sert qu'une fois ; sur la page de connexion, vous pouvez en demander un autre. "
                + "Si vous n'attendiez pas ce message, ignorez-le."
            : "This link is valid for 15 minutes and works once; the sign-in page gives you a new one. If you did not expect this message, ignore it.";
        var action = french ? "Se connecter" : "Sign in";
        await outbox.EnqueueAsync(c, tx, new OutgoingMail(workspaceId, "portal-link", email, creatorName, french ? "fr" : "en", subject,
                $"{intro}\n\n{action} : {link}\n\n{validity}\n", MailHtml.Paragraph(intro) + MailHtml.Button(link, action) + MailHtml.Paragraph(validity)),
            brand is null ? null : new MailBranding(brand.Name, brand.Logo, brand.LogoType), ct);
    }

    private sealed class LinkRow
    {
        public string Email { get; init; } = "";
        public string Language { get; init; } = "";
    }
}
