using InfluenceCrm.Platform.WebConsole;
using MediatR;

namespace InfluenceCrm.Access;

/// <summary>Answers <see cref="MyPortalIdentities"/>: the creators a portal session's address may act as, under their workspaces' names and logos.</summary>
internal sealed class MyPortalIdentitiesHandler(PortalLinks portal) : IRequestHandler<MyPortalIdentities.Request, IReadOnlyList<PortalIdentity>>
{
    public Task<IReadOnlyList<PortalIdentity>> Handle(MyPortalIdentities.Request request, CancellationToken cancellationToken) =>
        portal.IdentitiesAsync(PortalLinks.Normalize(request.Email), cancellationToken);
}
