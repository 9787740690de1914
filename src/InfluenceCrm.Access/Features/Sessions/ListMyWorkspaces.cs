using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>The workspaces of the signed-in person, with their role in each: the console's workspace switch.</summary>
public static class ListMyWorkspaces
{
    public sealed record Request : IRequest<IReadOnlyList<People.MembershipView>>;

    internal sealed class Handler(Caller caller, People people) : IRequestHandler<Request, IReadOnlyList<People.MembershipView>>
    {
        public Task<IReadOnlyList<People.MembershipView>> Handle(Request request, CancellationToken cancellationToken) =>
            people.MembershipsAsync(caller.KeyId, cancellationToken);
    }
}
