using InfluenceCrm.Access.PublicQueries;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>The caller's workspace's name, logo and privacy contact, as its public pages show them.</summary>
public static class GetBranding
{
    public sealed record Request : IRequest<WorkspaceBrand>;

    internal sealed class Handler(Caller caller, WorkspaceBranding branding) : IRequestHandler<Request, WorkspaceBrand>
    {
        public Task<WorkspaceBrand> Handle(Request request, CancellationToken cancellationToken) => branding.GetAsync(caller.WorkspaceId, cancellationToken);
    }
}
