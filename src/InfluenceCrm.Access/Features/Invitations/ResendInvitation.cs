using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>Mails a pending invitation again (admin) with a new link, valid 7 more days; the old link stops working.</summary>
public static class ResendInvitation
{
    public sealed record Request(string Id, string? Language) : IRequest<InvitationView>;

    /// <param name="Language">The mail's language: fr (default) or en.</param>
    public sealed record Body(string? Language);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Language).Must(l => l is null or "fr" or "en").WithMessage("language must be fr or en.");
    }

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, Invitations invitations, WorkspaceBranding branding, IMediator mediator)
        : IRequestHandler<Request, InvitationView>
    {
        public async Task<InvitationView> Handle(Request request, CancellationToken cancellationToken)
        {
            var brand = await branding.GetAsync(caller.WorkspaceId, cancellationToken);
            await db.InTransactionAsync(async (c, tx) =>
            {
                if (!await invitations.ResendAsync(c, tx, brand, caller.WorkspaceId, request.Id, request.Language ?? "fr", cancellationToken))
                {
                    throw new NotFoundException("invitation", request.Id);
                }

                await audit.RecordAsync(c, tx, "invitation.resent", "invitation", request.Id, null, cancellationToken);
            }, cancellationToken);
            return await mediator.Send(new GetInvitation.Request(request.Id), cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id}/resend", async (string id, Body? body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new Request(id, body?.Language), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ResendInvitation))
            .WithSummary("Mail a pending invitation again with a new link (admin); the old link stops working")
            .Produces<InvitationView>();
}
