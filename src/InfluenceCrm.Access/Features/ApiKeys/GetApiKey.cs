using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>One API key of the workspace, never its secret: what the Location of POST /api-keys names.</summary>
public static class GetApiKey
{
    public sealed record Request(string Id) : IRequest<ApiKeyView>;

    public static readonly Sql Load = Sql.Both("""
        SELECT id AS Id, name AS Name, role AS Role, key_prefix AS Prefix, created_at AS CreatedAt, revoked_at AS RevokedAt
        FROM platform_api_keys WHERE workspace_id = @WorkspaceId AND id = @Id
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

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, ApiKeyView>
    {
        public async Task<ApiKeyView> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var row = await c.QuerySingleOrDefaultAsync<Row>(Load, new { caller.WorkspaceId, request.Id }, ct: cancellationToken)
                ?? throw new NotFoundException("API key", request.Id);
            return new ApiKeyView(row.Id, row.Name, row.Role, row.Prefix, row.CreatedAt, row.RevokedAt);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(GetApiKey))
            .WithSummary("Read an API key of this workspace (admin), without its secret")
            .Produces<ApiKeyView>();
}
