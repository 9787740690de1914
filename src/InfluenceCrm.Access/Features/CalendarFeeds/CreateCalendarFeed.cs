using FluentValidation;
using FluentValidation.Results;
using InfluenceCrm.Campaigns.PublicQueries;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// A calendar subscription URL for a calendar app: its secret opens this feed (the workspace's editorial calendar, or one
/// campaign's) and nothing else — not the API, not another feed. Shown once; revoke it to cut the subscription.
/// </summary>
public static class CreateCalendarFeed
{
    public sealed record Request(string? Name, string? CampaignId) : IRequest<Response>;

    /// <param name="Url">The subscription URL, with its secret: shown in this response only.</param>
    public sealed record Response(CalendarFeedView Feed, string Url);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
    }

    internal sealed class Handler(Db db, Caller caller, AccessStore store, AuditLog audit, IMediator mediator,
        PublicUrls urls) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            if (request.CampaignId is not null
                && !(await mediator.Send(new GetCampaignSummaries.Request([request.CampaignId]), cancellationToken)).ContainsKey(request.CampaignId))
            {
                throw new ValidationException([new ValidationFailure("campaignId", $"No campaign with id '{request.CampaignId}' in this workspace.")]);
            }

            var created = await store.CreateFeedAsync(caller.WorkspaceId, request.Name!.Trim(), request.CampaignId, cancellationToken);
            await db.InTransactionAsync((c, tx) => audit.RecordAsync(c, tx, "calendar_feed.created", "calendar_feed", created.Feed.Id,
                new { campaignId = request.CampaignId }, cancellationToken), cancellationToken);
            return new Response(CalendarFeedView.From(created.Feed), urls.For($"/api/v1/calendar.ics?key={created.Secret}"));
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("", async (Request request, IMediator mediator, CancellationToken ct) =>
            {
                var response = await mediator.Send(request, ct);
                return Results.Created($"/api/v1/calendar-feeds/{response.Feed.Id}", response);
            })
            .RequireAuthorization(Policies.CalendarFeeds)
            .WithName(nameof(CreateCalendarFeed))
            .WithSummary("Create a calendar subscription URL (admin, brand); its secret is shown once and opens that feed only")
            .Produces<Response>(StatusCodes.Status201Created);
}
