using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Campaigns.PublicQueries;

/// <summary>What other modules may read of campaigns they reference. Campaigns of another workspace are absent.</summary>
public static class GetCampaignSummaries
{
    public sealed record Request(IReadOnlyList<string> CampaignIds) : IRequest<IReadOnlyDictionary<string, CampaignSummary>>;

    internal sealed class Handler(Db db, Caller caller, CampaignStore store) : IRequestHandler<Request, IReadOnlyDictionary<string, CampaignSummary>>
    {
        public async Task<IReadOnlyDictionary<string, CampaignSummary>> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var campaigns = await store.LoadCampaignsAsync(c, caller.WorkspaceId, request.CampaignIds.Distinct().ToList(), ct: cancellationToken);
            return campaigns.ToDictionary(x => x.Id,
                x => new CampaignSummary(x.Id, x.Name, x.Brand, x.Status, x.Markets, x.Platforms, x.AttributionWindowDays));
        }
    }
}

public sealed record CampaignSummary(string Id, string Name, string Brand, string Status, IReadOnlyList<string> Markets, IReadOnlyList<string> Platforms,
    int? AttributionWindowDays);
