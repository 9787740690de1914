using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>Live grants that end, or whose revocation takes effect, within the next N days.</summary>
public static class ListExpiringGrants
{
    public sealed record Request(int? WithinDays, int? Limit = null, string? Cursor = null) : IRequest<Response>;

    public sealed record Response(DateOnly Today, int WithinDays, IReadOnlyList<GrantView> Items, string? NextCursor);

    public static readonly Sql Expiring = Sql.Per(
        sqlite: $"""
            SELECT {UgcStore.GrantColumns} FROM ugc_grants g
            WHERE g.workspace_id = @WorkspaceId AND g.status <> 'superseded'
              AND ((g.ends_on >= @Today AND g.ends_on <= @Until) OR (g.revoked_from >= @Today AND g.revoked_from <= @Until))
            ORDER BY g.ends_on, g.id LIMIT 5000
            """,
        sqlServer: $"""
            SELECT TOP (5000) {UgcStore.GrantColumns} FROM ugc_grants g
            WHERE g.workspace_id = @WorkspaceId AND g.status <> 'superseded'
              AND ((g.ends_on >= @Today AND g.ends_on <= @Until) OR (g.revoked_from >= @Today AND g.revoked_from <= @Until))
            ORDER BY g.ends_on, g.id
            """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.WithinDays).InclusiveBetween(0, 366);
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var within = request.WithinDays ?? 30;
            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<UgcStore.GrantRow>(Expiring, new { caller.WorkspaceId, store.Today, Until = store.Today.AddDays(within) }, ct: cancellationToken);
            // Soonest end first: a grant's end is its revocation day when that comes first.
            var page = Cursor.InMemory(rows.Select(r => r.ToView()), request.Limit ?? Cursor.DefaultLimit, request.Cursor, "endsOn",
                g => ((g.RevokedFrom is { } revoked && (g.Terms.EndsOn is null || revoked < g.Terms.EndsOn) ? revoked : g.Terms.EndsOn)?.ToString("yyyy-MM-dd",
                    System.Globalization.CultureInfo.InvariantCulture) ?? "", g.Id));
            return new Response(store.Today, within, page.Items, page.NextCursor);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/grants/expiring", async (int? withinDays, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(withinDays, limit, cursor), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListExpiringGrants))
            .WithSummary("Grants ending or revoked within withinDays (default 30), soonest first; cursor paged (the first 5,000 such grants)")
            .Produces<Response>();
}
