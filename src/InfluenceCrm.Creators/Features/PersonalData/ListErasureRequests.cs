using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>
/// Legal's desk of erasure requests: <c>state=open</c> (the default: waiting for the erasure, oldest first — the law gives
/// a month) or <c>closed</c>, optionally for one creator; cursor paged.
/// </summary>
public static class ListErasureRequests
{
    public static readonly string[] States = ["open", "closed"];

    public sealed record Request : IRequest<Page<ErasureRequestView>>
    {
        public string? State { get; init; }
        public string? CreatorId { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    public static readonly Sql List = Sql.Per(
        sqlite: $"SELECT {ErasureRequests.Columns} {Filters} ORDER BY r.requested_at, r.id LIMIT @Take",
        sqlServer: $"SELECT TOP (@Take) {ErasureRequests.Columns} {Filters} ORDER BY r.requested_at, r.id OPTION (RECOMPILE)");

    private const string Filters = """
        FROM creator_erasure_requests r JOIN creator_creators c ON c.id = r.creator_id
        WHERE r.workspace_id = @WorkspaceId AND (@CreatorId IS NULL OR r.creator_id = @CreatorId)
          AND ((@State = 'open' AND r.closed_at IS NULL) OR (@State = 'closed' AND r.closed_at IS NOT NULL))
          AND (@AfterId IS NULL OR r.requested_at > @After OR (r.requested_at = @After AND r.id > @AfterId))
        """;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.State).Must(s => s is null || States.Contains(s)).WithMessage($"state must be one of: {string.Join(", ", States)}.");
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<ErasureRequestView>>
    {
        public async Task<Page<ErasureRequestView>> Handle(Request request, CancellationToken cancellationToken)
        {
            const string sort = "requestedAt";
            var limit = request.Limit ?? Cursor.DefaultLimit;
            var after = Cursor.Decode(request.Cursor, sort);
            await using var c = await db.OpenAsync(cancellationToken);
            var rows = (await c.QueryAsync<ErasureRequests.Row>(List, new
            {
                caller.WorkspaceId,
                CreatorId = caller.PortalCreatorId ?? request.CreatorId, // from the portal: the creator's own requests only
                State = request.State ?? "open",
                After = after is null ? (DateTimeOffset?)null : Cursor.TimeOf(after),
                AfterId = after?.Id,
                Take = limit + 1,
            }, ct: cancellationToken)).ToList();
            var page = Cursor.ToPage(rows, limit, sort, r => (Cursor.ValueText(r.RequestedAt), r.Id));
            return new Page<ErasureRequestView>(page.Items.Select(r => r.ToView()).ToList(), page.NextCursor);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/erasure-requests",
            async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.PersonalData)
            .WithName(nameof(ListErasureRequests))
            .WithSummary("Erasure requests, open (oldest first) or closed (admin, legal)")
            .Produces<Page<ErasureRequestView>>();
}
