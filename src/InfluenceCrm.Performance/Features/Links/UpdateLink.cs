using FluentValidation;
using FluentValidation.Results;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Performance.Links;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Features.Links;

/// <summary>Pause, resume or expire a link, or change its destination (the old one kept in the history). If-Match required.</summary>
public static class UpdateLink
{
    public static readonly string[] Statuses = ["active", "paused", "expired"];

    public sealed record Body(string? Status, string? Destination, DateTimeOffset? ExpiresAt);

    public sealed record Request(string Id, string? Status, string? Destination, DateTimeOffset? ExpiresAt,
        long? ExpectedVersion) : IRequest<CreateLink.LinkView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Status).Must(s => Statuses.Contains(s!)).When(r => r.Status is not null)
                .WithMessage($"status is one of: {string.Join(", ", Statuses)}.");
            RuleFor(r => r.Destination).Must(d => LinkRules.DestinationProblem(d) is null).When(r => r.Destination is not null)
                .WithMessage((_, d) => LinkRules.DestinationProblem(d)!).MaximumLength(1800);
        }
    }

    internal sealed class Handler(Db db, Caller caller, IMediator mediator, LinkCache cache, PublicUrls urls,
        TimeProvider clock) : IRequestHandler<Request, CreateLink.LinkView>
    {
        public async Task<CreateLink.LinkView> Handle(Request r, CancellationToken cancellationToken)
        {
            PerfStore.LinkRow current;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                current = await c.QuerySingleOrDefaultAsync<PerfStore.LinkRow>(PerfStore.LoadLink, new { caller.WorkspaceId, r.Id }, ct: cancellationToken)
                    ?? throw new NotFoundException("link", r.Id);
            }

            ETags.Check(r.ExpectedVersion, current.Version);
            var destination = current.Destination;
            if (r.Destination is not null && r.Destination != current.BaseDestination)
            {
                var plan = await mediator.Send(new GetCampaignPlan.Request(current.CampaignId), cancellationToken);
                destination = LinkRules.WithUtm(r.Destination, current.Platform, LinkRules.CampaignSlug(plan.Name), current.DeliverableId ?? current.CreatorId);
                if (LinkRules.FinalDestinationProblem(destination) is { } tooLong)
                {
                    throw new ValidationException([new ValidationFailure("destination", tooLong)]);
                }
            }

            return await db.InTransactionAsync(async (c, tx) =>
            {
                var now = clock.GetUtcNow();
                if (destination != current.Destination)
                {
                    await c.ExecuteAsync(PerfStore.InsertHistory,
                        new { Id = Ids.New("lh"), LinkId = current.Id, current.Destination, Now = now, By = caller.KeyId }, tx, cancellationToken);
                }

                var changed = await c.ExecuteAsync(PerfStore.UpdateLink, new
                {
                    current.Id,
                    caller.WorkspaceId,
                    BaseDestination = r.Destination ?? current.BaseDestination,
                    Destination = destination,
                    Status = r.Status ?? current.Status,
                    ExpiresAt = r.ExpiresAt ?? current.ExpiresAt,
                    current.Version,
                    Now = now,
                }, tx, cancellationToken);
                if (changed == 0)
                {
                    throw new PreconditionFailedException(ETags.For(current.Version + 1));
                }

                var row = (await c.QuerySingleOrDefaultAsync<PerfStore.LinkRow>(PerfStore.LoadLink, new { caller.WorkspaceId, r.Id }, tx, cancellationToken))!;
                cache.Apply(row);
                return CreateLink.LinkView.From(row, urls);
            }, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPatch("/{id}", async (string id, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var link = await mediator.Send(new Request(id, body.Status, body.Destination, body.ExpiresAt, expected), ct);
                return ETags.Ok(http, link, link.Version);
            })
            .RequireAuthorization(Policies.Write)
            .WithName(nameof(UpdateLink))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Pause, resume, expire a link or change its destination (If-Match required)")
            .Produces<CreateLink.LinkView>();
}
