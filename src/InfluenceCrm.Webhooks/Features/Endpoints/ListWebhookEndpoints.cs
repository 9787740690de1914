using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Webhooks.Features;

/// <summary>The workspace's webhook endpoints (admin), oldest first, by status; cursor paged.</summary>
public static class ListWebhookEndpoints
{
    public sealed record Request : IRequest<Page<WebhookEndpointView>>
    {
        /// <summary>enabled or disabled.</summary>
        public string? Status { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "createdAt";

    private static readonly KeysetOrder Oldest = KeysetSearch.Order("""
        FROM platform_webhook_endpoints e WHERE e.workspace_id = @WorkspaceId AND (@Status IS NULL OR e.status = @Status)
        """, "e", "created_at", ascending: true, byTime: true);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Status).Must(s => s is "enabled" or "disabled").When(r => r.Status is not null).WithMessage("status is enabled or disabled.");
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<WebhookEndpointView>>
    {
        public async Task<Page<WebhookEndpointView>> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Oldest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor, new { caller.WorkspaceId, r.Status },
                cancellationToken);
            var items = new List<WebhookEndpointView>(page.Items.Count);
            foreach (var id in page.Items)
            {
                items.Add((await WebhookStore.FindEndpointAsync(c, null, caller.WorkspaceId, id, cancellationToken))!);
            }

            return new Page<WebhookEndpointView>(items, page.NextCursor);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ListWebhookEndpoints))
            .WithSummary("List the workspace's webhook endpoints (admin), by status; cursor paged")
            .Produces<Page<WebhookEndpointView>>();
}
