using System.Text.Json;
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

    // Only the columns a summary shows (no tags, representatives, notes): the overdue list asks for 2,000 creators.
    internal static readonly Sql LoadCreators = KeysetSearch.ByIds("""
        SELECT id AS Id, display_name AS DisplayName, do_not_contact AS DoNotContact, is_minor AS IsMinor, birth_date AS BirthDate, erased_at AS ErasedAt
        FROM creator_creators WHERE workspace_id = @WorkspaceId
        """, "id");

    internal static readonly Sql LoadAccounts = KeysetSearch.ByIds("""
        SELECT creator_id AS CreatorId, platform AS Platform, handle AS Handle, followers AS Followers
        FROM creator_social_accounts WHERE workspace_id = @WorkspaceId
        """, "creator_id", "ORDER BY created_at, id");

    private sealed class CreatorRow
    {
        public string Id { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public bool DoNotContact { get; init; }
        public bool IsMinor { get; init; }
        public DateOnly? BirthDate { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
    }

    private sealed class AccountRow
    {
        public string CreatorId { get; init; } = "";
        public string Platform { get; init; } = "";
        public string Handle { get; init; } = "";
        public long? Followers { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller, CreatorStore store) : IRequestHandler<Request, IReadOnlyDictionary<string, CreatorSummary>>
    {
        public async Task<IReadOnlyDictionary<string, CreatorSummary>> Handle(Request request, CancellationToken cancellationToken)
        {
            var ids = request.CreatorIds.Distinct().ToList();
            if (ids.Count == 0)
            {
                return new Dictionary<string, CreatorSummary>();
            }

            var p = new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(ids) };
            await using var c = await db.OpenAsync(cancellationToken);
            var creators = (await c.QueryAsync<CreatorRow>(LoadCreators, p, ct: cancellationToken)).ToList();
            var accounts = (await c.QueryAsync<AccountRow>(LoadAccounts, p, ct: cancellationToken)).ToLookup(a => a.CreatorId);
            var today = DateOnly.FromDateTime(store.Now.UtcDateTime);
            return creators.ToDictionary(x => x.Id, x =>
            {
                // The account with the most followers; among equals, the first added.
                var main = accounts[x.Id].OrderByDescending(a => a.Followers ?? -1).FirstOrDefault();
                return new CreatorSummary(x.Id, x.DisplayName, x.DoNotContact, x.ErasedAt is not null,
                    x.IsMinor || (x.BirthDate is { } b && CreatorRules.IsMinorOn(b, today)),
                    main is null ? null : new MainAccount(main.Platform, main.Handle, main.Followers));
            });
        }
    }
}

public sealed record CreatorSummary(string Id, string DisplayName, bool DoNotContact, bool IsErased, bool IsMinor, MainAccount? MainAccount);

/// <summary>The account with the most followers.</summary>
public sealed record MainAccount(string Platform, string Handle, long? Followers);
