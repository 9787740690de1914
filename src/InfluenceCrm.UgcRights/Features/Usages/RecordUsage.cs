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

/// <summary>The usage register: where an asset is in use (channel, territory, from, until; modified or not).</summary>
public static class RecordUsage
{
    public sealed record Body(string? Channel, string? Territory, DateOnly? From, DateOnly? Until, bool? Modified);

    public sealed record Request(string AssetId, string? Channel, string? Territory, DateOnly? From, DateOnly? Until, bool? Modified) : IRequest<UsageView>;

    public sealed record UsageView(string Id, string AssetId, string Channel, string Territory, DateOnly From, DateOnly? Until, bool Modified);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Channel).Must(ch => ch is not null && UgcRules.Channels.Contains(ch) && ch != "all").WithMessage("channel is one usage channel, e.g. paid_social.");
            RuleFor(r => r.Territory).Must(t => t is not null && Vocabulary.Countries.Contains(t)).WithMessage("territory is an ISO 3166-1 alpha-2 code.");
            RuleFor(r => r.From).NotNull();
            RuleFor(r => r.Until).GreaterThanOrEqualTo(r => r.From).When(r => r.Until is not null && r.From is not null);
        }
    }

    public static readonly Sql Insert = Sql.Both("""
        INSERT INTO ugc_usages (id, workspace_id, asset_id, channel, territory, used_from, used_until, modified, created_at)
        VALUES (@Id, @WorkspaceId, @AssetId, @Channel, @Territory, @From, @Until, @Modified, @Now)
        """);

    internal sealed class Handler(Db db, Caller caller, UgcStore store) : IRequestHandler<Request, UsageView>
    {
        public Task<UsageView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var asset = await store.LoadAssetAsync(c, caller.WorkspaceId, r.AssetId, tx, cancellationToken);
                var id = Ids.New("use");
                await c.ExecuteAsync(Insert, new { Id = id, caller.WorkspaceId, AssetId = asset.Id, r.Channel, r.Territory, r.From, r.Until, Modified = r.Modified ?? false, store.Now },
                    tx, cancellationToken);
                return new UsageView(id, asset.Id, r.Channel!, r.Territory!, r.From!.Value, r.Until, r.Modified ?? false);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/assets/{id}/usages", async (string id, Body b, IMediator mediator, CancellationToken ct) =>
            {
                var usage = await mediator.Send(new Request(id, b.Channel, b.Territory, b.From, b.Until, b.Modified), ct);
                return Results.Created($"/api/v1/ugc/assets/{id}/usages/{usage.Id}", usage);
            })
            .RequireAuthorization(Policies.UgcWork)
            .Idempotent()
            .WithName(nameof(RecordUsage))
            .WithSummary("Record where an asset is in use")
            .Produces<UsageView>(StatusCodes.Status201Created);
}
