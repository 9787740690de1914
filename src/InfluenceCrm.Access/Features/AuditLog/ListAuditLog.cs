using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// The workspace's audit log, newest first, for admins and legal: filter by entity (type and id), actor (a key id, or
/// "release_form") and time; cursor paged. Read-only: no API edits it, and the database refuses UPDATE and DELETE.
/// </summary>
public static class ListAuditLog
{
    public sealed record Request : IRequest<Page<AuditEntryView>>
    {
        public string? EntityType { get; init; }
        public string? EntityId { get; init; }
        public string? Actor { get; init; }
        public DateTimeOffset? From { get; init; }
        public DateTimeOffset? To { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    public sealed record AuditEntryView(string Id, DateTimeOffset OccurredAt, string Actor, string Action, string EntityType, string EntityId, string? Details);

    private const string SortName = "-occurredAt";

    private const string FromWhere = """
        FROM platform_audit_log a
        WHERE a.workspace_id = @WorkspaceId
          AND (@EntityType IS NULL OR a.entity_type = @EntityType)
          AND (@EntityId IS NULL OR a.entity_id = @EntityId)
          AND (@Actor IS NULL OR a.actor = @Actor)
          AND (@From IS NULL OR a.occurred_at >= @From)
          AND (@To IS NULL OR a.occurred_at < @To)
        """;

    private static readonly KeysetOrder Newest = KeysetSearch.Order(FromWhere, "a", "occurred_at", ascending: false, byTime: true);

    public static readonly Sql Load = KeysetSearch.ByIds("""
        SELECT id AS Id, occurred_at AS OccurredAt, actor AS Actor, action AS Action, entity_type AS EntityType, entity_id AS EntityId, details AS Details
        FROM platform_audit_log WHERE workspace_id = @WorkspaceId
        """, "id");

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
        public string? Details { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.To).GreaterThan(r => r.From).When(r => r.From is not null && r.To is not null).WithMessage("to must be after from.");
            RuleFor(r => r.EntityType).MaximumLength(50);
            RuleFor(r => r.EntityId).MaximumLength(100);
            RuleFor(r => r.Actor).MaximumLength(100);
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<AuditEntryView>>
    {
        public async Task<Page<AuditEntryView>> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Newest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor,
                new { caller.WorkspaceId, r.EntityType, r.EntityId, r.Actor, r.From, r.To }, cancellationToken);
            var rows = await c.QueryAsync<Row>(Load, new { caller.WorkspaceId, Ids = System.Text.Json.JsonSerializer.Serialize(page.Items) },
                ct: cancellationToken);
            return KeysetSearch.InPageOrder(page, rows, x => x.Id,
                x => new AuditEntryView(x.Id, x.OccurredAt, x.Actor, x.Action, x.EntityType, x.EntityId, x.Details));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.PersonalData)
            .WithName(nameof(ListAuditLog))
            .WithSummary("The audit log, newest first (admin, legal): filter by entityType, entityId, actor, from, to; cursor paged")
            .Produces<Page<AuditEntryView>>();
}
