using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Performance;

/// <summary>
/// The Performance module's part of a creator's erasure, in the erasure's transaction: promo codes (often the creator's
/// name) are renamed, conversions keep their amounts but not the code, and the creator's links are paused with their
/// destinations cut to the site's address (a path or a query may carry the person's name), history included. Clicks
/// hold visitors' data, not the creator's; rollups and engagement snapshots hold no personal data.
/// </summary>
internal sealed class CreatorErasure(TimeProvider clock) : INotificationHandler<CreatorErased>
{
    public static readonly Sql PromoCodes = Sql.Both("SELECT id FROM perf_promo_codes WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId");

    public static readonly Sql RenamePromoCode = Sql.Both("UPDATE perf_promo_codes SET code = @Code WHERE workspace_id = @WorkspaceId AND id = @Id");

    public static readonly Sql ForgetConversionCodes = Sql.Both("""
        UPDATE perf_conversions SET attribution_reason = REPLACE(attribution_reason, promo_code, 'ERASED'), promo_code = 'ERASED'
        WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId AND promo_code IS NOT NULL
        """);

    public static readonly Sql Links = Sql.Both(
        "SELECT id AS Id, base_destination AS BaseDestination FROM perf_links WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId");

    public static readonly Sql ForgetLink = Sql.Both("""
        UPDATE perf_links SET base_destination = @Origin, destination = @Origin, status = 'paused', version = version + 1, updated_at = @Now
        WHERE workspace_id = @WorkspaceId AND id = @Id
        """);

    public static readonly Sql ForgetLinkHistory = Sql.Both("UPDATE perf_link_history SET destination = @Origin WHERE link_id = @Id");

    private sealed class LinkRow
    {
        public string Id { get; init; } = "";
        public string BaseDestination { get; init; } = "";
    }

    public async Task Handle(CreatorErased e, CancellationToken cancellationToken)
    {
        var (c, tx) = (e.Connection, e.Transaction);
        var ids = new { e.WorkspaceId, e.CreatorId };
        var codes = (await c.QueryAsync<string>(PromoCodes, ids, tx, cancellationToken)).ToList();
        foreach (var id in codes)
        {
            await c.ExecuteAsync(RenamePromoCode, new { e.WorkspaceId, Id = id, Code = $"ERASED-{id.ToUpperInvariant()}" }, tx, cancellationToken);
        }

        await c.ExecuteAsync(ForgetConversionCodes, ids, tx, cancellationToken);
        var links = (await c.QueryAsync<LinkRow>(Links, ids, tx, cancellationToken)).ToList();
        var now = clock.GetUtcNow();
        foreach (var link in links)
        {
            var origin = Uri.TryCreate(link.BaseDestination, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) + "/"
                : "https://erased.invalid/";
            await c.ExecuteAsync(ForgetLink, new { e.WorkspaceId, link.Id, Origin = origin, Now = now }, tx, cancellationToken);
            await c.ExecuteAsync(ForgetLinkHistory, new { link.Id, Origin = origin }, tx, cancellationToken);
        }

        // The paused links leave every instance's link cache at its next refresh (updated_at moved), only once committed.
        e.Report.Remove($"performance: {codes.Count} promo code(s) renamed (conversions keep their amounts, not the code); {links.Count} link(s) paused, " +
            $"their destinations cut to the site's address");
        e.Report.Keep("performance: conversions' amounts and attribution to the creator's id, clicks and daily figures (no personal data of the creator)");
    }
}
