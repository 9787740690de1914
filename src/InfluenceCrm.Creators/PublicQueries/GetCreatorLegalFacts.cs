using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Creators.PublicQueries;

/// <summary>
/// What the creator's record says that a contract's legal check rests on: the registered country, whether the creator is a
/// minor, and the legal representatives with whether each holds parental authority. Null for another workspace's creator.
/// </summary>
public static class GetCreatorLegalFacts
{
    public sealed record Request(string CreatorId) : IRequest<CreatorLegalFacts?>;

    internal sealed class Handler(Db db, Caller caller, CreatorStore store) : IRequestHandler<Request, CreatorLegalFacts?>
    {
        public async Task<CreatorLegalFacts?> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var creator = await store.LoadAsync(c, caller.WorkspaceId, request.CreatorId, ct: cancellationToken);
            return creator is null ? null : new CreatorLegalFacts(creator.Id, creator.Country, creator.IsMinor,
                creator.LegalRepresentatives.Select(r => new RepresentativeFacts(r.FullName, r.Relationship, r.HoldsParentalAuthority)).ToList());
        }
    }
}

/// <param name="Country">The country registered on the creator's record (ISO), if any.</param>
public sealed record CreatorLegalFacts(string CreatorId, string? Country, bool IsMinor, IReadOnlyList<RepresentativeFacts> LegalRepresentatives);

public sealed record RepresentativeFacts(string FullName, string Relationship, bool HoldsParentalAuthority);
