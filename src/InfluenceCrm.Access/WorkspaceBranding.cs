using InfluenceCrm.Access.PublicQueries;
using System.Collections.Concurrent;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;

namespace InfluenceCrm.Access;

/// <summary>
/// What a workspace shows of itself on the pages the public opens (the release form): its name, its logo (PNG, JPEG or
/// WebP up to 100 KB and 1024×1024 pixels, checked by its first bytes and its header, shown inline so no other host is
/// asked: a small file may still declare a huge image, which the browser would decode) and the address where people
/// reach it about their data (GDPR art. 13: the controller's contact details). Also its time zone, in which the console
/// shows and reads times (read on every console page: kept 30 seconds per workspace, forgotten here when changed).
/// </summary>
public sealed class WorkspaceBranding(Db db) : IWorkspaceTimeZones
{
    public const int MaxLogoBytes = 100 * 1024;
    public const int MaxLogoPixels = 1024;

    internal static readonly Sql Find = Sql.Both(
        "SELECT name AS Name, logo AS Logo, logo_type AS LogoType, privacy_contact AS PrivacyContact, time_zone AS TimeZone "
        + "FROM platform_workspaces WHERE id = @WorkspaceId");

    internal static readonly Sql FindZone = Sql.Both("SELECT time_zone FROM platform_workspaces WHERE id = @WorkspaceId");

    internal static readonly Sql SetZone = Sql.Both("UPDATE platform_workspaces SET time_zone = @TimeZone WHERE id = @WorkspaceId");

    private static readonly TimeSpan ZoneKept = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (string? Zone, DateTime Until)> zones = new(StringComparer.Ordinal);

    internal static readonly Sql SetLogo = Sql.Both("UPDATE platform_workspaces SET logo = @Logo, logo_type = @LogoType WHERE id = @WorkspaceId");

    internal static readonly Sql SetContact = Sql.Both("UPDATE platform_workspaces SET privacy_contact = @PrivacyContact WHERE id = @WorkspaceId");

    public async Task<WorkspaceBrand> GetAsync(string workspaceId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<WorkspaceBrand>(Find, new { WorkspaceId = workspaceId }, ct: ct)
            ?? new WorkspaceBrand("", null, null, null, null);
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

    public async Task<string?> FindAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        if (zones.TryGetValue(workspaceId, out var kept) && kept.Until > DateTime.UtcNow)
        {
            return kept.Zone;
        }

        await using var c = await db.OpenAsync(cancellationToken);
        var zone = await c.QuerySingleOrDefaultAsync<string?>(FindZone, new { WorkspaceId = workspaceId }, ct: cancellationToken);
        zones[workspaceId] = (zone, DateTime.UtcNow + ZoneKept);
        return zone;
    }

    /// <summary>Sets the time zone (an IANA id from the list the console offers; null or empty: back to Europe/Paris).</summary>
    public async Task SetTimeZoneAsync(string workspaceId, string? zone, CancellationToken ct = default)
    {
        zone = string.IsNullOrWhiteSpace(zone) ? null : zone.Trim();
        if (zone is not null && WorkspaceTime.Find(zone) is null)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("timeZone",
                "The time zone is one of the IANA ids offered, such as Europe/Paris.")]);
        }

        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(SetZone, new { WorkspaceId = workspaceId, TimeZone = zone }, ct: ct);
        zones.TryRemove(workspaceId, out _);
    }
}
