using MediatR;

namespace InfluenceCrm.Platform.Security;

/// <summary>
/// The workspaces of the signed-in person and their role in each: the console's workspace switch asks this, answered by the
/// Access module (which owns people and memberships), since the console's shell knows no module.
/// </summary>
public static class MyWorkspaces
{
    public sealed record Request : IRequest<IReadOnlyList<Workspace>>;

    public sealed record Workspace(string WorkspaceId, string Slug, string Name, string Role);
}
