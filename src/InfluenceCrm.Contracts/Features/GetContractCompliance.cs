using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>What the contract lacks for its governing law, each finding with the rule that produced it and its source.</summary>
public static class GetContractCompliance
{
    public sealed record Request(string Id) : IRequest<Response>;

    public sealed record Response(
        string ContractId, int TermsVersion, string? GoverningLaw, bool Compliant, IReadOnlyList<ComplianceFinding> Findings,
        IReadOnlyList<string> RulesApplied, string RulesVersion);

    internal sealed class Handler(Db db, Caller caller, ContractStore store, ContractChecks checks) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            ContractView contract;
            await using (var c = await db.OpenAsync(cancellationToken))
            {
                contract = await store.LoadAsync(c, caller.WorkspaceId, request.Id, ct: cancellationToken);
            }

            var findings = await checks.CheckAsync(contract.CreatorId, contract.Terms, cancellationToken);
            return new Response(contract.Id, contract.TermsVersion, contract.Terms.GoverningLaw, findings.All(f => f.Severity != "error"), findings,
                ContractCompliance.RulesFor(contract.Terms.GoverningLaw), ContractCompliance.RulesVersion);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id}/compliance", async (string id, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new Request(id), ct)))
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(GetContractCompliance))
            .WithSummary("Legal checks of a contract for its governing law (mandatory clauses, minors, banned categories) with reasons and sources")
            .Produces<Response>();
}
