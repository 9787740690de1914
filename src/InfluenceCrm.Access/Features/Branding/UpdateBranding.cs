using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// Sets the workspace's logo (a PNG, JPEG or WebP of at most 100 KB and 1024×1024 pixels; null keeps it unless RemoveLogo)
/// its privacy contact and its time zone (an IANA id; null or empty: Europe/Paris) (admin). The audit entry says what
/// changed, never to what: the contact is usually someone's address.
/// </summary>
public static class UpdateBranding
{
    public sealed record Request(byte[]? Logo, bool RemoveLogo, string? PrivacyContact, string? TimeZone = null) : IRequest<bool>;

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, WorkspaceBranding branding) : IRequestHandler<Request, bool>
    {
        public async Task<bool> Handle(Request request, CancellationToken cancellationToken)
        {
            if (!Policies.RolesFor[Policies.Admin].Contains(caller.Role))
            {
                throw new ForbiddenException("Only an admin changes the workspace's branding.");
            }

            var before = await branding.GetAsync(caller.WorkspaceId, cancellationToken);
            if (request.Logo is { Length: > 0 })
            {
                await branding.SetLogoAsync(caller.WorkspaceId, request.Logo, cancellationToken);
            }
            else if (request.RemoveLogo)
            {
                await branding.SetLogoAsync(caller.WorkspaceId, null, cancellationToken);
            }

            await branding.SetPrivacyContactAsync(caller.WorkspaceId, request.PrivacyContact, cancellationToken);
            await branding.SetTimeZoneAsync(caller.WorkspaceId, request.TimeZone, cancellationToken);
            var contact = string.IsNullOrWhiteSpace(request.PrivacyContact) ? null : request.PrivacyContact.Trim();
            await db.InTransactionAsync((c, tx) => audit.RecordAsync(c, tx, "workspace.branding_changed", "workspace", caller.WorkspaceId, new
            {
                logo = request.Logo is { Length: > 0 } ? "replaced" : request.RemoveLogo ? "removed" : "kept",
                privacyContact = contact == before.PrivacyContact ? "kept" : contact is null ? "removed" : "replaced",
                timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? null : request.TimeZone.Trim(),
            }, cancellationToken), cancellationToken);
            return true;
        }
    }
}
