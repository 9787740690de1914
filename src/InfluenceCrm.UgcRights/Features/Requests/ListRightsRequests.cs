using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// The workspace's rights requests, newest first; filters: asset, status (as answered: a request past its date without an
/// answer is expired).
/// </summary>
public static class ListRightsRequests
{
    public sealed record Request : IRequest<Page<RightsRequestView>>
    {
        public string? AssetId { get; init; }
        public string? Status { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "-createdAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM ugc_rights_requests r
        WHERE r.workspace_id = @WorkspaceId
          AND (@AssetId IS NULL OR r.asset_id = @AssetId)
          AND (@Status IS NULL
            OR (@Status = 'expired' AND r.status = 'requested' AND r.expires_at < @Now)
            OR (@Status = 'requested' AND r.status = 'requested' AND r.expires_at >= @Now)
            OR (@Status <> 'expired' AND @Status <> 'requested' AND r.status = @Status))
        """, "r", "created_at", ascending: false, byTime: true);

    public static readonly Sql Load = KeysetSearch.ByIds($"SELECT {UgcStore.RequestColumns} FROM ugc_rights_requests WHERE workspace_id = @WorkspaceId", "id");

    public static readonly string[] Statuses = ["requested", "granted", "denied", "expired", "needs_review", "withdrawn"];

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Status).Must(s => Statuses.Contains(s)).When(r => r.Status is not null).WithMessage($"status is one of: {string.Join(", ", Statuses)}.");
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, Page<RightsRequestView>>
    {
        public async Task<Page<RightsRequestView>> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Newest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor,
                new { caller.WorkspaceId, r.AssetId, r.Status, store.Now }, cancellationToken);
            var rows = await c.QueryAsync<UgcStore.RequestRow>(Load, new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(page.Items) }, ct: cancellationToken);
            return KeysetSearch.InPageOrder(page, rows, x => x.Id, x => x.ToView(store.Now));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/rights-requests", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListRightsRequests))
            .WithSummary("List rights requests, newest first (filters: assetId, status)")
            .Produces<Page<RightsRequestView>>();
}
