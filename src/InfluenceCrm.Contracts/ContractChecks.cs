using InfluenceCrm.Creators.PublicQueries;
using MediatR;

namespace InfluenceCrm.Contracts;

/// <summary>Runs <see cref="ContractCompliance"/> on a contract, with what the Creators module knows of the creator.</summary>
internal sealed class ContractChecks(IMediator mediator)
{
    public async Task<IReadOnlyList<ComplianceFinding>> CheckAsync(string creatorId, ContractTerms terms, CancellationToken ct)
    {
        var creators = await mediator.Send(new GetCreatorSummaries.Request([creatorId]), ct);
        return ContractCompliance.Check(new ComplianceInput(terms, creators.GetValueOrDefault(creatorId)?.IsMinor ?? false));
    }

    /// <summary>400 unless every mission's deliverable is one of this workspace's, and of the contract's creator.</summary>
    public async Task CheckMissionDeliverablesAsync(string creatorId, ContractTerms? terms, CancellationToken ct)
    {
        var missions = terms?.Missions ?? [];
        var ids = missions.Select(m => m?.DeliverableId).OfType<string>().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var found = await mediator.Send(new Campaigns.PublicQueries.GetDeliverableSummaries.Request(ids), ct);
        var errors = missions.Select((m, i) => (Id: m?.DeliverableId, Index: i)).Where(m => m.Id is not null && found.GetValueOrDefault(m.Id)?.CreatorId != creatorId)
            .Select(m => new FluentValidation.Results.ValidationFailure($"terms.missions[{m.Index}].deliverableId",
                found.ContainsKey(m.Id!) ? "This deliverable is another creator's." : $"No deliverable with id '{m.Id}' in this workspace."))
            .ToList();
        if (errors.Count > 0)
        {
            throw new FluentValidation.ValidationException(errors);
        }
    }
}
