using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>
/// How many campaigns <see cref="SearchCampaigns"/> lists with startingOrEnding=true, page after page: Today's "campaigns
/// starting or ending this week". One COUNT over the two date indexes (starts: 0003, ends: 0058), never the list.
/// </summary>
public static class CountCampaignsStartingOrEnding
{
    /// <param name="AtMost">Today's card: count no further than this.</param>
    public sealed record Request(DateOnly? From, DateOnly? To, int? AtMost = null) : IRequest<Response>;

    public sealed record Response(DateOnly From, DateOnly To, int Count);

    /// <summary>The count stopped at @AtMost (the largest int when not capped): the first entries of the two ranges, never all.</summary>
    public static readonly Sql Count = Sql.Per(
        sqlite: """
            SELECT COUNT(*) FROM (
                SELECT 1
                FROM campaign_campaigns c
                WHERE c.workspace_id = @WorkspaceId
                  AND (c.starts_on >= @From AND c.starts_on <= @To OR c.ends_on >= @From AND c.ends_on <= @To)
                LIMIT @AtMost)
            """,
        sqlServer: """
            SELECT COUNT(*) FROM (
                SELECT TOP (@AtMost) c.id
                FROM campaign_campaigns c
                WHERE c.workspace_id = @WorkspaceId
                  AND (c.starts_on >= @From AND c.starts_on <= @To OR c.ends_on >= @From AND c.ends_on <= @To)) AS m
            """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.From).NotNull().WithMessage("from is required.");
            RuleFor(r => r.To).NotNull().WithMessage("to is required.");
            RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).WithMessage("to cannot be before from.").When(r => r.From is not null && r.To is not null);
            RuleFor(r => r.AtMost).GreaterThan(0);
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var (from, to) = (request.From!.Value, request.To!.Value);
            await using var c = await db.OpenAsync(cancellationToken);
            var count = await c.ExecuteScalarAsync<int>(Count, new { caller.WorkspaceId, From = from, To = to, AtMost = request.AtMost ?? int.MaxValue },
                ct: cancellationToken);
            return new Response(from, to, count);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/starting-or-ending/count", async (DateOnly? from, DateOnly? to, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(from, to), ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(CountCampaignsStartingOrEnding))
            .WithSummary("How many campaigns start or end between from and to (inclusive): what GET /api/v1/campaigns?startingOrEnding=true lists")
            .Produces<Response>();
}
