using InfluenceCrm.Access.PublicQueries;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;

namespace InfluenceCrm.Access;

/// <summary>
/// What a workspace shows of itself on the pages the public opens (the release form): its name, its logo (PNG, JPEG or
/// WebP up to 100 KB and 1024×1024 pixels, checked by its first bytes and its header, shown inline so no other host is
/// asked: a small file may still declare a huge image, which the browser would decode) and the address where people
/// reach it about their data (GDPR art. 13: the controller's contact details).
/// </summary>
public sealed class WorkspaceBranding(Db db)
{
    public const int MaxLogoBytes = 100 * 1024;
    public const int MaxLogoPixels = 1024;

    internal static readonly Sql Find = Sql.Both(
        "SELECT name AS Name, logo AS Logo, logo_type AS LogoType, privacy_contact AS PrivacyContact FROM platform_workspaces WHERE id = @WorkspaceId");

    internal static readonly Sql SetLogo = Sql.Both("UPDATE platform_workspaces SET logo = @Logo, logo_type = @LogoType WHERE id = @WorkspaceId");

    internal static readonly Sql SetContact = Sql.Both("UPDATE platform_workspaces SET privacy_contact = @PrivacyContact WHERE id = @WorkspaceId");

    public async Task<WorkspaceBrand> GetAsync(string workspaceId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<WorkspaceBrand>(Find, new { WorkspaceId = workspaceId }, ct: ct) ?? new WorkspaceBrand("", null, null, null);
    }

    /// <summary>Sets the logo (null removes it); refuses what is not a small PNG, JPEG or WebP.</summary>
    public async Task SetLogoAsync(string workspaceId, byte[]? logo, CancellationToken ct = default)
    {
        string? type = null;
        if (logo is not null)
        {
            type = logo.Length <= MaxLogoBytes ? ImageHeaders.ImageType(logo) : null;
            if (type is null || ImageHeaders.Size(logo) is not { Width: <= MaxLogoPixels, Height: <= MaxLogoPixels })
            {
                throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("logo",
                    $"The logo is a PNG, JPEG or WebP image of at most {MaxLogoBytes / 1024} KB and {MaxLogoPixels}×{MaxLogoPixels} pixels.")]);
            }
        }

        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(SetLogo, new { WorkspaceId = workspaceId, Logo = logo, LogoType = type }, ct: ct);
    }

    public async Task SetPrivacyContactAsync(string workspaceId, string? contact, CancellationToken ct = default)
    {
        contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        if (contact is { Length: > 320 })
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("privacyContact", "At most 320 characters.")]);
        }

        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(SetContact, new { WorkspaceId = workspaceId, PrivacyContact = contact }, ct: ct);
    }
}
