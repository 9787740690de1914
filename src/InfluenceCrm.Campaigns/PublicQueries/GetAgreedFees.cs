using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Campaigns.PublicQueries;

/// <summary>
/// The fees agreed with a creator on campaign rosters (members confirmed with an agreed fee), for the Contracts module's
/// written-contract threshold: money promised before any contract exists. Dated by the campaign's start (else the
/// member's confirmation).
/// </summary>
public static class GetAgreedFees
{
    public sealed record Request(string CreatorId) : IRequest<IReadOnlyList<RosterFee>>;

    internal static readonly Sql Confirmed = Sql.Both("""
        SELECT r.campaign_id AS CampaignId, c.name AS CampaignName, r.fee_amount AS FeeAmount, r.fee_currency AS FeeCurrency, c.starts_on AS StartsOn,
            r.updated_at AS ConfirmedAt
        FROM campaign_roster r JOIN campaign_campaigns c ON c.id = r.campaign_id
        WHERE r.workspace_id = @WorkspaceId AND r.creator_id = @CreatorId AND r.status = 'confirmed' AND r.fee_amount IS NOT NULL
        ORDER BY r.campaign_id
        """);

    private sealed class Row
    {
        public string CampaignId { get; init; } = "";
        public string CampaignName { get; init; } = "";
        public long FeeAmount { get; init; }
        public string FeeCurrency { get; init; } = "";
        public DateOnly? StartsOn { get; init; }
        public DateTimeOffset ConfirmedAt { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, IReadOnlyList<RosterFee>>
    {
        public async Task<IReadOnlyList<RosterFee>> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            return (await c.QueryAsync<Row>(Confirmed, new { caller.WorkspaceId, request.CreatorId }, ct: cancellationToken))
                .Select(r =>
                new RosterFee(r.CampaignId, r.CampaignName, new Money(r.FeeAmount, r.FeeCurrency.Trim()), r.StartsOn
                ?? DateOnly.FromDateTime(r.ConfirmedAt.UtcDateTime)))
                .ToList();
        }
    }
}

public sealed record RosterFee(string CampaignId, string CampaignName, Money Fee, DateOnly Date);
