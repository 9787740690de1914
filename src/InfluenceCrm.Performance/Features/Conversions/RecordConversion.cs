using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Performance.PublicQueries;
using InfluenceCrm.Platform.Webhooks;
using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace InfluenceCrm.Performance.Features.Conversions;

/// <summary>
/// A conversion from the shop or analytics, idempotent on (source, orderId): the same order again answers the stored
/// conversion (200), the same order with other figures is a 409. Attribution: a registered promo code first; else the
/// click (icid) if it is within the attribution window (30 days, last touch); each conversion says how or why not.
/// </summary>
public static class RecordConversion
{
    public sealed record Request(string? Source, string? OrderId, Money? Amount, DateTimeOffset? OccurredAt, string? PromoCode,
        string? ClickId) : IRequest<Response>;

    public sealed record Response(ConversionView Conversion, bool Created);

    public sealed record ConversionView(string Id, string Source, string OrderId, Money Amount, DateTimeOffset OccurredAt, string? PromoCode, string? ClickId,
        string? CampaignId, string? CreatorId, string? DeliverableId, string? LinkId, string Attribution, string AttributionReason);

    public static readonly Sql FindPromo = Sql.Both(
        "SELECT campaign_id AS CampaignId, creator_id AS CreatorId, deliverable_id AS DeliverableId FROM perf_promo_codes WHERE workspace_id = @WorkspaceId " +
            "AND code = @Code");

    /// <summary>
    /// The click a conversion cites, by its number (the public id decrypted: see ClickIds), or for clicks stored before
    /// migration 0027 by their old text id. SQLite keeps the click's time as Unix milliseconds.
    /// </summary>
    public static readonly Sql FindClick = Sql.Per("""
        SELECT strftime('%Y-%m-%dT%H:%M:%fZ', c.clicked_at / 1000.0, 'unixepoch') AS ClickedAt, l.id AS LinkId, l.campaign_id AS CampaignId,
            l.creator_id AS CreatorId, l.deliverable_id AS DeliverableId
        FROM perf_clicks c JOIN perf_links l ON l.id = c.link_id
        WHERE c.id = COALESCE(@ClickNumber, (SELECT m.click_id FROM perf_click_legacy_ids m WHERE m.legacy_id = @ClickId)) AND l.workspace_id = @WorkspaceId
        """, """
        SELECT c.clicked_at AS ClickedAt, l.id AS LinkId, l.campaign_id AS CampaignId, l.creator_id AS CreatorId, l.deliverable_id AS DeliverableId
        FROM perf_clicks c JOIN perf_links l ON l.id = c.link_id
        WHERE c.id = COALESCE(@ClickNumber, (SELECT m.click_id FROM perf_click_legacy_ids m WHERE m.legacy_id = @ClickId)) AND l.workspace_id = @WorkspaceId
        """);

    public static readonly Sql Insert = Sql.Both("""
        INSERT INTO perf_conversions (id, workspace_id, source, order_id, amount, currency, occurred_at, promo_code, click_id, campaign_id, creator_id,
          deliverable_id,
            link_id, attribution, attribution_reason, request_hash, created_at)
        VALUES (@Id, @WorkspaceId, @Source, @OrderId, @Amount, @Currency, @OccurredAt, @PromoCode, @ClickId, @CampaignId, @CreatorId, @DeliverableId,
            @LinkId, @Attribution, @AttributionReason, @RequestHash, @Now)
        """);

    internal const string ExistingColumns = """
        SELECT id AS Id, source AS Source, order_id AS OrderId, amount AS Amount, currency AS Currency, occurred_at AS OccurredAt, promo_code AS PromoCode,
            click_id AS ClickId, campaign_id AS CampaignId, creator_id AS CreatorId, deliverable_id AS DeliverableId, link_id AS LinkId, attribution AS
              Attribution,
            attribution_reason AS AttributionReason, request_hash AS RequestHash
        """;

    /// <summary>Checked, then inserted: on SQL Server the key range stays locked until the insert (a concurrent retry waits, then finds it).</summary>
    public static readonly Sql FindExisting = Sql.Per(
        sqlite: $"{ExistingColumns} FROM perf_conversions WHERE workspace_id = @WorkspaceId AND source = @Source AND order_id = @OrderId",
        sqlServer: $"{ExistingColumns} FROM perf_conversions WITH (UPDLOCK, HOLDLOCK) WHERE workspace_id = @WorkspaceId AND source = @Source AND order_id = " +
            $"@OrderId");

    private sealed class Owner
    {
        public DateTimeOffset? ClickedAt { get; init; }
        public string? LinkId { get; init; }
        public string CampaignId { get; init; } = "";
        public string CreatorId { get; init; } = "";
        public string? DeliverableId { get; init; }
    }

    internal sealed class Row
    {
        public string Id { get; init; } = "";
        public string Source { get; init; } = "";
        public string OrderId { get; init; } = "";
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string? PromoCode { get; init; }
        public string? ClickId { get; init; }
        public string? CampaignId { get; init; }
        public string? CreatorId { get; init; }
        public string? DeliverableId { get; init; }
        public string? LinkId { get; init; }
        public string Attribution { get; init; } = "";
        public string AttributionReason { get; init; } = "";
        public string RequestHash { get; init; } = "";

        public ConversionView ToView() => new(Id, Source, OrderId, new Money(Amount, Currency.Trim()), OccurredAt, PromoCode, ClickId, CampaignId, CreatorId,
            DeliverableId, LinkId, Attribution, AttributionReason);
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Source).NotEmpty().MaximumLength(100);
            RuleFor(r => r.OrderId).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Amount).NotNull().SetValidator(new MoneyValidator()!);
            RuleFor(r => r.OccurredAt).NotNull();
            RuleFor(r => r.PromoCode).MaximumLength(64);
            RuleFor(r => r.ClickId).MaximumLength(40);
        }
    }

    internal sealed class Handler(Db db, Caller caller, ClickIds clickIds, IConfiguration configuration, IMediator mediator, TimeProvider clock,
        WebhookOutbox webhooks) : IRequestHandler<Request, Response>
    {
        public Task<Response> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var hash = Digest.Sha256Hex(JsonSerializer.Serialize(r with { OccurredAt = r.OccurredAt!.Value.ToUniversalTime() }));
                var key = new { caller.WorkspaceId, r.Source, r.OrderId };
                var existing = await c.QuerySingleOrDefaultAsync<Row>(FindExisting, key, tx, cancellationToken);
                if (existing is not null)
                {
                    return existing.RequestHash.Trim() == hash
                        ? new Response(existing.ToView(), false)
                        : throw new ConflictException($"Order {r.OrderId} from {r.Source} was already recorded with other figures ({existing.Id}).");
                }

                var defaultWindow = configuration.GetValue("Performance:AttributionWindowDays", 30);
                string attribution, reason;
                Owner? owner = null;
                if (r.PromoCode is { Length: > 0 } code
                    && (owner = await c.QuerySingleOrDefaultAsync<Owner>(FindPromo, new { caller.WorkspaceId, Code = code.ToUpperInvariant() }, tx,
                    cancellationToken)) is not null)
                {
                    (attribution, reason) = ("promo_code",
                        $"Promo code {code.ToUpperInvariant()} belongs to creator {owner.CreatorId} in campaign {owner.CampaignId}.");
                }
                else
                {
                    var click = r.ClickId is { Length: > 0 }
                        ? await c.QuerySingleOrDefaultAsync<Owner>(FindClick, new { caller.WorkspaceId, r.ClickId, ClickNumber = clickIds.Parse(r.ClickId) },
                        tx, cancellationToken) : null;
                    var promoNote = r.PromoCode is { Length: > 0 } ? $"Promo code {r.PromoCode} is not registered. " : "";
                    var window = TimeSpan.FromDays(click is null ? defaultWindow
                        : (await mediator.Send(new GetCampaignSummaries.Request([click.CampaignId]), cancellationToken))
                        .GetValueOrDefault(click.CampaignId)?.AttributionWindowDays
                            ?? defaultWindow);
                    if (click is null)
                    {
                        (attribution, reason) = ("none", promoNote
                            + (r.ClickId is { Length: > 0 } ? $"Click {r.ClickId} is unknown." : "No promo code or click id."));
                    }
                    else if (click.ClickedAt > r.OccurredAt || r.OccurredAt - click.ClickedAt > window)
                    {
                        (attribution, reason) = ("none", promoNote + $"Click {r.ClickId} is outside the {window.TotalDays:0}-day attribution window.");
                    }
                    else
                    {
                        owner = click;
                        (attribution, reason) = ("click", promoNote
                            + $"Last click {r.ClickId} on link {click.LinkId}, {(r.OccurredAt
                            - click.ClickedAt)!.Value.TotalHours:0.#} hours before the order.");
                    }
                }

                var id = Ids.New("conv");
                await c.ExecuteAsync(Insert, new
                {
                    Id = id,
                    caller.WorkspaceId,
                    r.Source,
                    r.OrderId,
                    r.Amount!.Amount,
                    r.Amount.Currency,
                    r.OccurredAt,
                    PromoCode = r.PromoCode?.ToUpperInvariant(),
                    r.ClickId,
                    owner?.CampaignId,
                    owner?.CreatorId,
                    owner?.DeliverableId,
                    owner?.LinkId,
                    Attribution = attribution,
                    AttributionReason = reason,
                    RequestHash = hash,
                    Now = clock.GetUtcNow(),
                }, tx, cancellationToken);
                var recorded = (await c.QuerySingleOrDefaultAsync<Row>(FindExisting, key, tx, cancellationToken))!.ToView();
                await webhooks.PublishAsync(c, tx, PerformanceEvents.ConversionRecorded, recorded, cancellationToken);
                return new Response(recorded, true);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/conversions", async (Request request, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(request, ct);
                return response.Created
                    ? Results.Created($"/api/v1/conversions/{response.Conversion.Id}", response.Conversion)
                    : Results.Ok(response.Conversion);
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(RecordConversion))
            .WithSummary("Record a conversion (idempotent on source + orderId); attributed by promo code, else by click within the window")
            .Produces<ConversionView>(StatusCodes.Status201Created);
}
