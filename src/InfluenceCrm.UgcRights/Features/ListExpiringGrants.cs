using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>Live grants that end, or whose revocation takes effect, within the next N days.</summary>
public static class ListExpiringGrants
{
    public sealed record Request(int? WithinDays) : IRequest<Response>;

    public sealed record Response(DateOnly Today, int WithinDays, IReadOnlyList<GrantView> Items);

    public static readonly Sql Expiring = Sql.Per(
        sqlite: $"""
            SELECT {UgcStore.GrantColumns} FROM ugc_grants g
            WHERE g.workspace_id = @WorkspaceId AND g.status <> 'superseded'
              AND ((g.ends_on >= @Today AND g.ends_on <= @Until) OR (g.revoked_from >= @Today AND g.revoked_from <= @Until))
            ORDER BY g.ends_on, g.id LIMIT 1000
            """,
        sqlServer: $"""
            SELECT TOP (1000) {UgcStore.GrantColumns} FROM ugc_grants g
            WHERE g.workspace_id = @WorkspaceId AND g.status <> 'superseded'
              AND ((g.ends_on >= @Today AND g.ends_on <= @Until) OR (g.revoked_from >= @Today AND g.revoked_from <= @Until))
            ORDER BY g.ends_on, g.id
            """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.WithinDays).InclusiveBetween(0, 366);
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var within = request.WithinDays ?? 30;
            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<UgcStore.GrantRow>(Expiring, new { caller.WorkspaceId, store.Today, Until = store.Today.AddDays(within) }, ct: cancellationToken);
            return new Response(store.Today, within, rows.Select(r => r.ToView()).ToList());
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/grants/expiring", async (int? withinDays, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(withinDays), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListExpiringGrants))
            .WithSummary("Grants ending or revoked within withinDays (default 30)")
            .Produces<Response>();
}
