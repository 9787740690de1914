using FluentValidation;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Features;

/// <summary>
/// Records that the person asked for their personal data to be erased (GDPR art. 17): from the creator's portal (channel
/// <c>portal</c>), or by legal for a request received by mail or letter (<c>api</c>). The request reaches legal's desk (the
/// creator's page and the list of open requests); legal answers with <see cref="EraseCreator"/>, which closes it. Asking
/// again while a request is open answers that request (200) rather than making a second one (201).
/// </summary>
public static class RequestCreatorErasure
{
    public sealed record Body(string? Message);

    public sealed record Request(string CreatorId, string? Message) : IRequest<Response>;

    public sealed record Response(ErasureRequestView ErasureRequest, bool Created);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Message).MaximumLength(1000);
        }
    }

    internal sealed class Handler(Db db, Caller caller, CreatorStore store, AuditLog audit) : IRequestHandler<Request, Response>
    {
        public Task<Response> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                PortalScope.Check(caller, request.CreatorId);
                var creator = await store.LoadRequiredAsync(c, caller.WorkspaceId, request.CreatorId, tx, cancellationToken);
                if (creator.ErasedAt is not null)
                {
                    throw new ConflictException("This creator's personal data was already erased.");
                }

                var ids = new { caller.WorkspaceId, CreatorId = creator.Id };
                if (await c.QuerySingleOrDefaultAsync<ErasureRequests.Row>(ErasureRequests.FindOpen, ids, tx, cancellationToken) is { } open)
                {
                    return new Response(open.ToView(), false);
                }

                var id = Ids.New("era");
                var channel = caller.PortalCreatorId is null ? "api" : "portal";
                var message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim();
                await c.ExecuteAsync(ErasureRequests.Insert,
                    new { Id = id, caller.WorkspaceId, CreatorId = creator.Id, Channel = channel, Message = message, store.Now },
                    tx, cancellationToken);
                await audit.RecordAsync(c, tx, "creator.erasure_requested", "creator", creator.Id, new { requestId = id, channel }, cancellationToken);
                var created = await c.QuerySingleOrDefaultAsync<ErasureRequests.Row>(ErasureRequests.FindOpen, ids, tx, cancellationToken);
                return new Response(created!.ToView(), true);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/erasure-requests", async (string id, Body? body, IMediator mediator, CancellationToken ct) =>
            {
                var answer = await mediator.Send(new Request(id, body?.Message), ct);
                return answer.Created
                    ? Results.Created($"/api/v1/creators/{id}/erasure-requests", answer.ErasureRequest)
                    : Results.Ok(answer.ErasureRequest);
            })
            .RequireAuthorization(Policies.PersonalData)
            .WithName(nameof(RequestCreatorErasure))
            .WithSummary("Record a creator's request to be erased, received by mail or letter (admin, legal); the portal records the creator's own")
            .Produces<ErasureRequestView>(StatusCodes.Status201Created)
            .Produces<ErasureRequestView>();
}
