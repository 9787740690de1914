using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Access;

/// <summary>Answers the console's <see cref="MyWorkspaces"/> question: the signed-in person's memberships.</summary>
internal sealed class MyWorkspacesHandler(Caller caller, People people) : IRequestHandler<MyWorkspaces.Request, IReadOnlyList<MyWorkspaces.Workspace>>
{
    public async Task<IReadOnlyList<MyWorkspaces.Workspace>> Handle(MyWorkspaces.Request request, CancellationToken cancellationToken) =>
        (await people.MembershipsAsync(caller.KeyId, cancellationToken))
            .Select(m => new MyWorkspaces.Workspace(m.WorkspaceId, m.Slug, m.Name, m.Role)).ToList();
}
