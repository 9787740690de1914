using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.UgcRights.PublicQueries;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// A person settles a request: grant a reply that needed review (with the evidence relied on), record a refusal, or
/// withdraw the request. If-Match: the request's ETag.
/// </summary>
public static class DecideRightsRequest
{
    public static readonly string[] Outcomes = ["granted", "denied", "withdrawn"];

    public sealed record Body(string? Outcome, Evidence? Evidence);

    public sealed record Request(string Id, string? Outcome, Evidence? Evidence, long? ExpectedVersion) : IRequest<RightsRequestView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Outcome).Must(o => o is not null && Outcomes.Contains(o)).WithMessage($"outcome is one of: {string.Join(", ", Outcomes)}.");
            RuleFor(r => r.Evidence).NotNull().SetValidator(new EvidenceValidator()!).When(r => r.Outcome == "granted")
                .WithMessage("Granting needs the evidence relied on.");
        }
    }

    internal sealed class Handler(Db db, Caller caller, UgcStore store, AuditLog audit, WebhookOutbox webhooks) : IRequestHandler<Request, RightsRequestView>
    {
        public Task<RightsRequestView> Handle(Request r, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var request = await store.LoadRequestAsync(c, caller.WorkspaceId, r.Id, tx, cancellationToken);
                ETags.Check(r.ExpectedVersion, request.Version);
                var status = request.EffectiveStatus(store.Now);
                var allowedFrom = r.Outcome == "granted" ? new[] { "needs_review" } : ["requested", "needs_review"];
                if (!allowedFrom.Contains(status))
                {
                    throw new ConflictException($"A request that is {status} cannot become {r.Outcome} (only from {string.Join(" or ", allowedFrom)}).");
                }

                string? grantId = null;
                if (r.Outcome == "granted" && r.Evidence!.ReceivedAt < request.CreatedAt)
                {
                    throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("evidence.receivedAt",
                        $"The consent is dated before the request it would answer ({request.CreatedAt:yyyy-MM-dd HH:mm} UTC): it proves nothing about it.")]);
                }

                if (r.Outcome == "granted")
                {
                    grantId = await store.InsertGrantAsync(c, tx, caller.WorkspaceId, request.AssetId, request.Id, request.Terms, r.Evidence!, null, cancellationToken);
                }

                if (await c.ExecuteAsync(UgcStore.SetRequestOutcome, new { request.Id, caller.WorkspaceId, Status = r.Outcome, GrantId = grantId, store.Now, request.Version },
                    tx, cancellationToken) == 0)
                {
                    throw new PreconditionFailedException(ETags.For(request.Version + 1));
                }

                await audit.RecordAsync(c, tx, $"ugc.request_{r.Outcome}", "asset", request.AssetId, new { requestId = request.Id, grantId }, cancellationToken);
                var decided = (await store.LoadRequestAsync(c, caller.WorkspaceId, request.Id, tx, cancellationToken)).ToView(store.Now);
                if (r.Outcome is "granted" or "denied")
                {
                    await webhooks.PublishAsync(c, tx, r.Outcome == "granted" ? UgcRightsEvents.RightsRequestGranted : UgcRightsEvents.RightsRequestDenied, decided,
                        cancellationToken);
                }

                return decided;
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/rights-requests/{id}/decision", async (string id, Body b, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var request = await mediator.Send(new Request(id, b.Outcome, b.Evidence, expected), ct);
                return ETags.Ok(http, request, request.Version);
            })
            .RequireAuthorization(Policies.Rights)
            .WithName(nameof(DecideRightsRequest))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Grant a reply that needed review, record a refusal, or withdraw a request (If-Match required)")
            .Produces<RightsRequestView>();
}
