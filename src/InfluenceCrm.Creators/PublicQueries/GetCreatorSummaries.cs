using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Creators.PublicQueries;

/// <summary>
/// The one way other modules read creators: what they need to show and check a creator they reference
/// (name, main account, do-not-contact, erased, minor). Creators of another workspace are simply absent.
/// </summary>
public static class GetCreatorSummaries
{
    public sealed record Request(IReadOnlyList<string> CreatorIds) : IRequest<IReadOnlyDictionary<string, CreatorSummary>>;

    internal sealed class Handler(Db db, Caller caller, CreatorStore store) : IRequestHandler<Request, IReadOnlyDictionary<string, CreatorSummary>>
    {
        public async Task<IReadOnlyDictionary<string, CreatorSummary>> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var creators = await store.LoadManyAsync(c, caller.WorkspaceId, request.CreatorIds.Distinct().ToList(), ct: cancellationToken);
            return creators.ToDictionary(x => x.Id, x =>
            {
                var main = x.SocialAccounts.OrderByDescending(a => a.Followers ?? -1).FirstOrDefault();
                return new CreatorSummary(x.Id, x.DisplayName, x.DoNotContact, x.ErasedAt is not null, x.IsMinor,
                    main is null ? null : new MainAccount(main.Platform, main.Handle, main.Followers));
            });
        }
    }
}

public sealed record CreatorSummary(string Id, string DisplayName, bool DoNotContact, bool IsErased, bool IsMinor, MainAccount? MainAccount);

/// <summary>The account with the most followers.</summary>
public sealed record MainAccount(string Platform, string Handle, long? Followers);
