using InfluenceCrm.Creators.PublicQueries;
using MediatR;

namespace InfluenceCrm.Contracts;

/// <summary>
/// A contract's compliance: the findings, whether French law applies and why, the rules run, the threshold's answer, whether
/// it is compliant (null: undetermined) and the facts all this rests on, each with its source.
/// </summary>
public sealed record ComplianceReport(IReadOnlyList<ComplianceFinding> Findings, Applicability Applicability, IReadOnlyList<string> RulesApplied,
    bool? WrittenContractMandatory, string ThresholdExplanation, bool? Compliant, IReadOnlyList<ComplianceFact> Facts, string ThresholdText,
    IReadOnlyDictionary<string, string> ThresholdArgs);

/// <summary>
/// Runs <see cref="ContractCompliance"/> on a contract with the facts other modules hold: the creator's record (Creators:
/// minority, registered country, holders of parental authority), the campaign's markets (Campaigns), and this workspace's
/// other agreements with the creator (the threshold).
/// </summary>
internal sealed class ContractChecks(IMediator mediator, WrittenContractThreshold threshold)
{
    public Task<ComplianceReport> CheckAsync(ContractView contract, CancellationToken ct) =>
        CheckAsync(contract.CreatorId, contract.Id, contract.CampaignId, contract.Terms, DateOnly.FromDateTime(contract.CreatedAt.UtcDateTime), ct);

    public async Task<ComplianceReport> CheckAsync(string creatorId, string? contractId, string? campaignId, ContractTerms terms, DateOnly created,
        CancellationToken ct)
    {
        var creator = await mediator.Send(new GetCreatorLegalFacts.Request(creatorId), ct);
        IReadOnlyList<string> markets = campaignId is null ? []
            : (await mediator.Send(new Campaigns.PublicQueries.GetCampaignSummaries.Request([campaignId]), ct)).GetValueOrDefault(campaignId)?.Markets ?? [];
        var (reached, why, text, args) = await threshold.ForContractAsync(creatorId, contractId, terms, created, ct);
        var holders = creator?.LegalRepresentatives.Where(r => r.HoldsParentalAuthority).Select(r => r.FullName).ToList();
        var input = new ComplianceInput(terms, creator?.IsMinor ?? false, markets, reached, why, creator?.Country, holders, campaignId, text, args);
        var findings = ContractCompliance.Check(input);
        return new ComplianceReport(findings, ContractCompliance.Applies(input), ContractCompliance.RulesApplied(input), reached, why,
            ContractCompliance.Compliant(input, findings), ContractApplicability.Facts(input), text, args);
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
        var errors = missions.Select((m, i) => (Id: m?.DeliverableId, Index: i))
            .Where(m => m.Id is not null && found.GetValueOrDefault(m.Id)?.CreatorId != creatorId)
            .Select(m => new FluentValidation.Results.ValidationFailure($"terms.missions[{m.Index}].deliverableId",
                found.ContainsKey(m.Id!) ? "This deliverable is another creator's." : $"No deliverable with id '{m.Id}' in this workspace."))
            .ToList();
        if (errors.Count > 0)
        {
            throw new FluentValidation.ValidationException(errors);
        }
    }
}
