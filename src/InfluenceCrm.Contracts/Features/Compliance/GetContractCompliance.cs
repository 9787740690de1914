using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>
/// What the contract lacks under the law that applies to it — decided by facts (where the influencer or their agency is
/// established, which public the content targets) — each finding with its rule and legal source; whether a written
/// contract is mandatory (the EUR 1,000 threshold, counted with this contract) decides if the clause rules are errors.
/// </summary>
public static class GetContractCompliance
{
    /// <param name="Draft">Terms not saved yet, checked in place of the stored ones (the console's live check beside the draft form); null: the stored
    /// terms.</param>
    public sealed record Request(string Id, ContractTerms? Draft = null) : IRequest<Response>;

    /// <param name="FrenchLawApplies">Whether the French influencer rules apply (null: the facts do not say), with the reason in applicability.</param>
    /// <param name="WrittenContractMandatory">Whether EUR 1,000 is reached with this contract (null: a currency without a rate, or no amount stated).</param>
    /// <param name="Compliant">False with any error; null (undetermined) when a fact the answer rests on is unknown — never true without the facts.</param>
    /// <param name="Facts">What the answer rests on: each fact with its value (null: not known) and where it came from.</param>
    /// <param name="ThresholdText">The wording of thresholdExplanation (reached, under, no-amount, no-rate), with its values in thresholdArgs.</param>
    public sealed record Response(
        string ContractId, int TermsVersion, string? GoverningLaw, bool? FrenchLawApplies, Applicability Applicability, bool? WrittenContractMandatory,
        string ThresholdExplanation, bool? Compliant, IReadOnlyList<ComplianceFinding> Findings, IReadOnlyList<string> RulesApplied, string RulesVersion,
        IReadOnlyList<ComplianceFact> Facts, string? ThresholdText = null, IReadOnlyDictionary<string, string>? ThresholdArgs = null);

    internal sealed class Handler(Db db, Caller caller, ContractStore store, ContractChecks checks) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            ContractView contract;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                contract = await store.LoadAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
            }

            if (request.Draft is not null)
            {
                contract = contract with { Terms = request.Draft }; // checked as typed, never saved
            }

            var report = await checks.CheckAsync(contract, cancellationToken);
            return new Response(contract.Id, contract.TermsVersion, contract.Terms.GoverningLaw, report.Applicability.Applies, report.Applicability,
                report.WrittenContractMandatory, report.ThresholdExplanation, report.Compliant, report.Findings, report.RulesApplied,
                ContractCompliance.RulesVersion, report.Facts, report.ThresholdText, report.ThresholdArgs);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/compliance", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(GetContractCompliance))
            .WithSummary("Legal checks of a contract under the law its facts make applicable (mandatory clauses, threshold, usage rights, minors, " +
            "categories) with reasons and sources")
            .Produces<Response>();
}
