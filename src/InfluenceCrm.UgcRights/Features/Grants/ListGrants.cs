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

/// <summary>The workspace's grants, newest first; filters: asset, status (active, revoked — a revocation recorded, superseded), licensor (handle or name).</summary>
public static class ListGrants
{
    public sealed record Request : IRequest<Page<GrantView>>
    {
        public string? AssetId { get; init; }
        public string? Status { get; init; }
        /// <summary>The licensor's handle (with or without @) or name, any case.</summary>
        public string? Licensor { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "-createdAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM ugc_grants g
        WHERE g.workspace_id = @WorkspaceId
          AND (@AssetId IS NULL OR g.asset_id = @AssetId)
          AND (@Status IS NULL
            OR (@Status = 'active' AND g.status = 'active' AND g.revoked_from IS NULL)
            OR (@Status = 'revoked' AND g.revoked_from IS NOT NULL)
            OR (@Status = 'superseded' AND g.status = 'superseded'))
          AND (@Licensor IS NULL OR g.terms LIKE @LicensorHandle ESCAPE '\' OR g.terms LIKE @LicensorAtHandle ESCAPE '\' OR g.terms LIKE @LicensorName ESCAPE '\')
        """, "g", "created_at", ascending: false, byTime: true);

    public static readonly Sql Load = KeysetSearch.ByIds($"SELECT {UgcStore.GrantColumns} FROM ugc_grants g WHERE g.workspace_id = @WorkspaceId", "g.id");

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Licensor).MaximumLength(200);
            RuleFor(r => r.Status).Must(s => s is "active" or "revoked" or "superseded").When(r => r.Status is not null)
                .WithMessage("status is active, revoked or superseded.");
        }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<GrantView>>
    {
        public async Task<Page<GrantView>> Handle(Request r, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            // The licensor lives in the grant's terms (JSON, camelCase keys): matched as its handle or name value there.
            var licensor = r.Licensor?.Trim().TrimStart('@');
            static string? Pattern(string key, string? value) => value is null ? null
                : "%" + $"\"{key}\":{JsonSerializer.Serialize(value)}".Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                    .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";
            var page = await KeysetSearch.PageAsync(c, Newest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor, new
            {
                caller.WorkspaceId,
                r.AssetId,
                r.Status,
                Licensor = licensor,
                LicensorHandle = Pattern("handle", licensor),
                LicensorAtHandle = Pattern("handle", "@" + licensor),
                LicensorName = Pattern("name", r.Licensor?.Trim()),
            }, cancellationToken);
            var rows = await c.QueryAsync<UgcStore.GrantRow>(Load, new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(page.Items) }, ct: cancellationToken);
            return KeysetSearch.InPageOrder(page, rows, x => x.Id, x => x.ToView());
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/grants", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListGrants))
            .WithSummary("List grants, newest first (filters: assetId, status = active | revoked | superseded, licensor = handle or name)")
            .Produces<Page<GrantView>>();
}
