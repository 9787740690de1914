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
}
