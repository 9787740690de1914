using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Contracts.Features;

/// <summary>
/// "What if": a contract's compliance with an edit applied, nothing saved — the body is what PATCH /api/v1/contracts/{id} would
/// take (a JSON merge patch of its terms), validated the same way, and the answer is GET …/compliance's for the edited terms.
/// A contract-authoring tool checks its terms before saving them, as the console's draft editor does live.
/// </summary>
public static class PreviewContractCompliance
{
    public sealed record Request(string Id, JsonElement Patch) : IRequest<GetContractCompliance.Response>;

    internal sealed class Handler(IMediator mediator, IValidator<ContractTerms> validator) : IRequestHandler<Request, GetContractCompliance.Response>
    {
        public async Task<GetContractCompliance.Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var contract = await mediator.Send(new GetContract.Request(request.Id), cancellationToken);
            var edited = await UpdateContract.EditedAsync(contract, request.Patch, validator, cancellationToken);
            return await mediator.Send(new GetContractCompliance.Request(request.Id, edited.Terms), cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/compliance/preview", async (string id, JsonElement patch, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, patch), ct)))
            .Accepts<JsonElement>("application/merge-patch+json", "application/json")
            .RequireAuthorization(Policies.Contracts)
            .WithName(nameof(PreviewContractCompliance))
            .WithSummary("A contract's compliance with an edit of its terms applied (the body PATCH takes), nothing saved")
            .Produces<GetContractCompliance.Response>();
}
