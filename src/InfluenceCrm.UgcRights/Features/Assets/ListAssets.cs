using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>The workspace's UGC assets, newest first, with the people they show; filters: platform, author handle, creator; cursor paged.</summary>
public static class ListAssets
{
    public sealed record Request : IRequest<Page<AssetView>>
    {
        public string? Platform { get; init; }
        /// <summary>The author's handle, with or without @, any case.</summary>
        public string? AuthorHandle { get; init; }
        public string? CreatorId { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "-createdAt";

    private static readonly KeysetOrder Newest = KeysetSearch.Order("""
        FROM ugc_assets a
        WHERE a.workspace_id = @WorkspaceId AND (@Platform IS NULL OR a.platform = @Platform) AND (@CreatorId IS NULL OR a.creator_id = @CreatorId)
          AND (@AuthorHandle IS NULL OR LOWER(a.author_handle) = @AuthorHandle OR LOWER(a.author_handle) = @AtAuthorHandle)
        """, "a", "created_at", ascending: false, byTime: true);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
            RuleFor(r => r.Platform).Must(p => Vocabulary.Platforms.Contains(p!)).When(r => r.Platform is not null)
                .WithMessage($"platform must be one of: {Vocabulary.ListOf(Vocabulary.Platforms)}.");
            RuleFor(r => r.AuthorHandle).MaximumLength(200);
            RuleFor(r => r.CreatorId).MaximumLength(40);
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, Page<AssetView>>
    {
        public async Task<Page<AssetView>> Handle(Request r, CancellationToken cancellationToken)
        {
            var handle = r.AuthorHandle?.Trim().TrimStart('@').ToLowerInvariant();
            await using var c = await db.OpenAsync(cancellationToken);
            var page = await KeysetSearch.PageAsync(c, Newest, SortName, r.Limit ?? Cursor.DefaultLimit, r.Cursor,
                new { caller.WorkspaceId, r.Platform, r.CreatorId, AuthorHandle = handle, AtAuthorHandle = handle is null ? null : "@" + handle }, cancellationToken);
            var items = new List<AssetView>(page.Items.Count);
            foreach (var id in page.Items)
            {
                items.Add(await store.LoadAssetAsync(c, caller.WorkspaceId, id, ct: cancellationToken));
            }

            return new Page<AssetView>(items, page.NextCursor);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/assets", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(ListAssets))
            .WithSummary("List UGC assets, newest first (filters: platform, authorHandle, creatorId); cursor paged")
            .Produces<Page<AssetView>>();
}
