using MediatR;

namespace InfluenceCrm.Access.PublicQueries;

/// <summary>
/// What a workspace shows of itself on the pages the public opens (the release form) and in its mails: its name, its logo
/// and the address where people reach it about their data. Asked with the workspace's id, since those pages have no caller.
/// </summary>
public static class GetWorkspaceBrand
{
    public sealed record Request(string WorkspaceId) : IRequest<WorkspaceBrand>;

    internal sealed class Handler(WorkspaceBranding branding) : IRequestHandler<Request, WorkspaceBrand>
    {
        public Task<WorkspaceBrand> Handle(Request request, CancellationToken cancellationToken) => branding.GetAsync(request.WorkspaceId, cancellationToken);
    }
}

/// <summary>A workspace's name, logo (PNG, JPEG or WebP), privacy contact and time zone (an IANA id; null: Europe/Paris).</summary>
public sealed record WorkspaceBrand(string Name, byte[]? Logo, string? LogoType, string? PrivacyContact, string? TimeZone)
{
    /// <summary>The logo as a data: URI (the pages' CSP allows data: images and nothing from elsewhere).</summary>
    public string? LogoDataUri => Logo is { Length: > 0 } && LogoType is not null ? $"data:{LogoType};base64,{Convert.ToBase64String(Logo)}" : null;
}
