using InfluenceCrm.Platform.Data;

namespace InfluenceCrm.Platform.Security;

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

    public sealed record Brand(string Name, byte[]? Logo, string? LogoType, string? PrivacyContact)
    {
        /// <summary>The logo as a data: URI (the pages' CSP allows data: images and nothing from elsewhere).</summary>
        public string? LogoDataUri => Logo is { Length: > 0 } && LogoType is not null ? $"data:{LogoType};base64,{Convert.ToBase64String(Logo)}" : null;
    }

    internal static readonly Sql Find = Sql.Both(
        "SELECT name AS Name, logo AS Logo, logo_type AS LogoType, privacy_contact AS PrivacyContact FROM platform_workspaces WHERE id = @WorkspaceId");

    internal static readonly Sql SetLogo = Sql.Both("UPDATE platform_workspaces SET logo = @Logo, logo_type = @LogoType WHERE id = @WorkspaceId");

    internal static readonly Sql SetContact = Sql.Both("UPDATE platform_workspaces SET privacy_contact = @PrivacyContact WHERE id = @WorkspaceId");

    public async Task<Brand> GetAsync(string workspaceId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<Brand>(Find, new { WorkspaceId = workspaceId }, ct: ct) ?? new Brand("", null, null, null);
    }

    /// <summary>The image type its first bytes say, or null when it is not a PNG, JPEG or WebP.</summary>
    public static string? ImageType(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    /// <summary>Sets the logo (null removes it); refuses what is not a small PNG, JPEG or WebP.</summary>
    public async Task SetLogoAsync(string workspaceId, byte[]? logo, CancellationToken ct = default)
    {
        string? type = null;
        if (logo is not null)
        {
            type = logo.Length <= MaxLogoBytes ? ImageType(logo) : null;
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
