using InfluenceCrm.Platform.BrandDay;
using InfluenceCrm.UgcRights.Features;
using MediatR;

namespace InfluenceCrm.UgcRights.PublicQueries;

/// <summary>Legal's counts on the brand's day (Platform's <see cref="CountRightsAlerts"/>): grants ending and take-downs within the days.</summary>
internal sealed class CountRightsAlertsHandler(IMediator mediator) : IRequestHandler<CountRightsAlerts, RightsAlerts>
{
    public async Task<RightsAlerts> Handle(CountRightsAlerts request, CancellationToken cancellationToken) =>
        new((await mediator.Send(new ListExpiringGrants.Request(request.WithinDays, request.Limit), cancellationToken)).Items.Count,
            (await mediator.Send(new ListTakedowns.Request(request.WithinDays, request.Limit), cancellationToken)).Items.Count);
}
