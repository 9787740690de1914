using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// The people and invitations that audit entries name by id, resolved at read time since the log holds ids only: a person
/// (removed members too) with their name and address, an invitation of this workspace with its address only.
/// </summary>
public static class NameAuditedPeople
{
    public sealed record Request(IReadOnlyCollection<string> Ids) : IRequest<IReadOnlyList<People.NamedRow>>;

    internal sealed class Handler(Caller caller, People people) : IRequestHandler<Request, IReadOnlyList<People.NamedRow>>
    {
        public async Task<IReadOnlyList<People.NamedRow>> Handle(Request request, CancellationToken cancellationToken) =>
            request.Ids.Count == 0 ? [] : await people.NamedAsync(caller.WorkspaceId, request.Ids, cancellationToken);
    }
}
