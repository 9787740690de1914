using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>Every version of a contract's terms, oldest first, with the reason of each amendment.</summary>
public static class ListContractVersions
{
    public sealed record Request(string Id) : IRequest<Response>;

    public sealed record Response(string ContractId, IReadOnlyList<TermsVersion> Items);

    public sealed record TermsVersion(int Version, ContractTerms Terms, string? Reason, DateTimeOffset CreatedAt, string CreatedBy);

    public static readonly Sql Versions = Sql.Both("""
        SELECT terms_version AS Version, terms AS Terms, reason AS Reason, created_at AS CreatedAt, created_by AS CreatedBy
        FROM contract_terms_versions WHERE workspace_id = @WorkspaceId AND contract_id = @Id ORDER BY terms_version
        """);

    private sealed class Row
    {
        public long Version { get; init; }
        public string Terms { get; init; } = "{}";
        public string? Reason { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string CreatedBy { get; init; } = "";
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var rows = (await c.QueryAsync<Row>(Versions, new { caller.WorkspaceId, request.Id }, ct: cancellationToken)).ToList();
            return rows.Count == 0
                ? throw new NotFoundException("contract", request.Id)
                : new Response(request.Id, rows.Select(r => new TermsVersion((int)r.Version, ContractStore.Deserialize(r.Terms), r.Reason, r.CreatedAt, r.CreatedBy)).ToList());
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/versions", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(ListContractVersions))
            .WithSummary("All versions of a contract's terms (amendments keep the old ones readable)")
            .Produces<Response>();
}
