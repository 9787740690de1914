using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Performance.Features.Links;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using MediatR;

namespace InfluenceCrm.Performance;

/// <summary>
/// The Performance module's part of a creator's personal-data export: their promo codes, their tracked links with every
/// past destination, and the conversions attributed to them (without the shop's order ids: those point at a customer,
/// not at the creator). Clicks are visitors' data, not the creator's, and daily figures hold none: they are left out.
/// </summary>
internal sealed class CreatorPersonalData(PublicUrls urls) : INotificationHandler<CreatorDataRequested>
{
    public static readonly Sql CreatorsPromoCodes = Sql.Both("""
        SELECT id AS Id, code AS Code, campaign_id AS CampaignId, deliverable_id AS DeliverableId, created_at AS CreatedAt
        FROM perf_promo_codes WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId ORDER BY created_at, id
        """);

    public static readonly Sql CreatorsLinks = Sql.Both(
        $"SELECT {PerfStore.LinkColumns} FROM perf_links WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId ORDER BY created_at, id");

    public static readonly Sql CreatorsConversions = Sql.Both("""
        SELECT id AS Id, source AS Source, amount AS Amount, currency AS Currency, occurred_at AS OccurredAt, promo_code AS PromoCode,
            campaign_id AS CampaignId, deliverable_id AS DeliverableId, link_id AS LinkId, attribution AS Attribution, attribution_reason AS AttributionReason
        FROM perf_conversions WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId ORDER BY occurred_at, id
        """);

    public sealed record PromoCode(string Id, string Code, string CampaignId, string? DeliverableId, DateTimeOffset CreatedAt);

    public sealed record Link(CreateLink.LinkView Current, IReadOnlyList<GetLink.PastDestination> PastDestinations);

    public sealed record Conversion(string Id, string Source, Money Amount, DateTimeOffset OccurredAt, string? PromoCode, string? CampaignId,
        string? DeliverableId, string? LinkId, string Attribution, string AttributionReason);

    public sealed record Section(IReadOnlyList<PromoCode> PromoCodes, IReadOnlyList<Link> Links, IReadOnlyList<Conversion> Conversions, string NotIncluded);

    private sealed class PromoCodeRow
    {
        public string Id { get; init; } = "";
        public string Code { get; init; } = "";
        public string CampaignId { get; init; } = "";
        public string? DeliverableId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class ConversionRow
    {
        public string Id { get; init; } = "";
        public string Source { get; init; } = "";
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string? PromoCode { get; init; }
        public string? CampaignId { get; init; }
        public string? DeliverableId { get; init; }
        public string? LinkId { get; init; }
        public string Attribution { get; init; } = "";
        public string AttributionReason { get; init; } = "";
    }

    public async Task Handle(CreatorDataRequested e, CancellationToken cancellationToken)
    {
        var (c, tx) = (e.Connection, e.Transaction);
        var ids = new { e.WorkspaceId, e.CreatorId };
        var codes = (await c.QueryAsync<PromoCodeRow>(CreatorsPromoCodes, ids, tx, cancellationToken))
            .Select(r => new PromoCode(r.Id, r.Code, r.CampaignId, r.DeliverableId, r.CreatedAt)).ToList();
        var links = new List<Link>();
        foreach (var row in await c.QueryAsync<PerfStore.LinkRow>(CreatorsLinks, ids, tx, cancellationToken))
        {
            var history = await c.QueryAsync<GetLink.HistoryRow>(PerfStore.LoadHistory, new { row.Id }, tx, cancellationToken);
            var past = history.Select(h => new GetLink.PastDestination(h.Destination, h.ReplacedAt, h.ReplacedBy)).ToList();
            links.Add(new Link(CreateLink.LinkView.From(row, urls), past));
        }

        var conversions = (await c.QueryAsync<ConversionRow>(CreatorsConversions, ids, tx, cancellationToken)).Select(r => new Conversion(
            r.Id, r.Source, new Money(r.Amount, r.Currency.Trim()), r.OccurredAt, r.PromoCode, r.CampaignId, r.DeliverableId, r.LinkId, r.Attribution,
            r.AttributionReason)).ToList();
        e.Export.Add("performance", new Section(codes, links, conversions,
            "clicks on the creator's links (visitors' data, not the creator's) and daily figures (no personal data)"));
    }
}
