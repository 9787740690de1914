using FluentValidation;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Campaigns.Features;

/// <summary>The editorial calendar: deliverables due or published between two dates, across campaigns.</summary>
public static class GetEditorialCalendar
{
    public sealed record Request : DeliverableFilter, IRequest<Page<CalendarEntry>>
    {
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.From).NotNull().WithMessage("from is required (yyyy-MM-dd).");
            RuleFor(r => r.To).NotNull().WithMessage("to is required (yyyy-MM-dd).");
            Include(new DeliverableFilterValidator());
            RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
        }
    }

    internal sealed class Handler(DeliverableQuery query) : IRequestHandler<Request, Page<CalendarEntry>>
    {
        public Task<Page<CalendarEntry>> Handle(Request request, CancellationToken cancellationToken) =>
            query.PageAsync(request, request.Limit ?? Cursor.DefaultLimit, request.Cursor, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName(nameof(GetEditorialCalendar))
            .WithSummary("Deliverables due or published between from and to, across campaigns (campaignId, creatorId, platform, status, market)")
            .Produces<Page<CalendarEntry>>();
}
