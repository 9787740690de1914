using System.Text.Json;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Campaigns.PublicQueries;

/// <summary>What other modules may read of deliverables they reference by id: campaign and creator. Another workspace's are absent.</summary>
public static class GetDeliverableSummaries
{
    public sealed record Request(IReadOnlyList<string> DeliverableIds) : IRequest<IReadOnlyDictionary<string, DeliverableSummary>>;

    public static readonly Sql Load = KeysetSearch.ByIds(
        "SELECT id AS Id, campaign_id AS CampaignId, creator_id AS CreatorId FROM campaign_deliverables WHERE workspace_id = @WorkspaceId", "id");

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, IReadOnlyDictionary<string, DeliverableSummary>>
    {
        public async Task<IReadOnlyDictionary<string, DeliverableSummary>> Handle(Request request, CancellationToken cancellationToken)
        {
            if (request.DeliverableIds.Count == 0)
            {
                return new Dictionary<string, DeliverableSummary>();
            }

            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<DeliverableSummary>(Load,
                new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(request.DeliverableIds.Distinct()) }, ct: cancellationToken);
            return rows.ToDictionary(r => r.Id);
        }
    }
}

public sealed record DeliverableSummary(string Id, string CampaignId, string CreatorId);
