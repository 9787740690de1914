using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

public static class ListApiKeys
{
    public sealed record Request : IRequest<Page<ApiKeyView>>
    {
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "createdAt";

    public static readonly Sql List = Sql.Per(
        sqlite: """
            SELECT id AS Id, name AS Name, role AS Role, key_prefix AS Prefix, created_at AS CreatedAt, revoked_at AS RevokedAt
            FROM platform_api_keys
            WHERE workspace_id = @WorkspaceId AND (@AfterId IS NULL OR created_at > @After OR (created_at = @After AND id > @AfterId))
            ORDER BY created_at, id LIMIT @Take
            """,
        sqlServer: """
            SELECT TOP (@Take) id AS Id, name AS Name, role AS Role, key_prefix AS Prefix, created_at AS CreatedAt, revoked_at AS RevokedAt
            FROM platform_api_keys
            WHERE workspace_id = @WorkspaceId AND (@AfterId IS NULL OR created_at > @After OR (created_at = @After AND id > @AfterId))
            ORDER BY created_at, id
            OPTION (RECOMPILE)
            """);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string Prefix { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<ApiKeyView>>
    {
        public Task<Page<ApiKeyView>> Handle(Request request, CancellationToken cancellationToken) =>
            CreatedOrder.PageAsync<Row, ApiKeyView>(db, List, SortName, request.Limit, request.Cursor,
                (after, afterId, take) => new { caller.WorkspaceId, After = after, AfterId = afterId, Take = take },
                r => new ApiKeyView(r.Id, r.Name, r.Role, r.Prefix, r.CreatedAt, r.RevokedAt), k => (k.CreatedAt, k.Id), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ListApiKeys))
            .WithSummary("List this workspace's API keys (admin); secrets are never shown")
            .Produces<Page<ApiKeyView>>();
}
