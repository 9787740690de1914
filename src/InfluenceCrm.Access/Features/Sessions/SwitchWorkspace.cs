using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>A signed-in person moves their session to another of their workspaces: their role there, or 403 when they are not a member.</summary>
public static class SwitchWorkspace
{
    public sealed record Request(string? WorkspaceId) : IRequest<People.MembershipView>;

    internal sealed class Handler(Caller caller, People people) : IRequestHandler<Request, People.MembershipView>
    {
        public async Task<People.MembershipView> Handle(Request request, CancellationToken cancellationToken) =>
            (await people.MembershipsAsync(caller.KeyId, cancellationToken)).FirstOrDefault(m => m.WorkspaceId == request.WorkspaceId)
            ?? throw new ForbiddenException("You are not a member of that workspace.");
    }
}
