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

/// <summary>
/// Invites an address to this workspace with a role (admin). The link is mailed to that address, in the language asked
/// (fr by default), and never returned: opening it proves the person reads that mailbox. Valid 7 days, once.
/// </summary>
public static class InviteMember
{
    /// <param name="Email">The address to invite.</param>
    /// <param name="Role">admin, brand, legal, integration or viewer (viewer when absent).</param>
    /// <param name="Language">The mail's language: fr (default) or en.</param>
    public sealed record Request(string? Email, string? Role, string? Language) : IRequest<InvitationView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().MaximumLength(People.EmailWidth).EmailAddress();
            RuleFor(r => r.Role).Must(r => r is null || Roles.All.Contains(r)).WithMessage($"role must be one of: {string.Join(", ", Roles.All)}.");
            RuleFor(r => r.Language).Must(l => l is null or "fr" or "en").WithMessage("language must be fr or en.");
        }
    }

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, Invitations invitations, WorkspaceBranding branding, IMediator mediator)
        : IRequestHandler<Request, InvitationView>
    {
        public async Task<InvitationView> Handle(Request request, CancellationToken cancellationToken)
        {
            var brand = await branding.GetAsync(caller.WorkspaceId, cancellationToken);
            var role = request.Role ?? Roles.Viewer;
            var id = await db.InTransactionAsync(async (c, tx) =>
            {
                var id = await invitations.InviteAsync(c, tx, brand, caller.WorkspaceId, request.Email!, role, caller.KeyId, request.Language ?? "fr",
                    cancellationToken);
                await audit.RecordAsync(c, tx, "person.invited", "invitation", id, new { role }, cancellationToken);
                return id;
            }, cancellationToken);
            return await mediator.Send(new GetInvitation.Request(id), cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPost("", async (Request request, IMediator mediator, CancellationToken ct) =>
            {
                var invitation = await mediator.Send(request, ct);
                return Results.Created($"/api/v1/invitations/{invitation.Id}", invitation);
            })
            .RequireAuthorization(Policies.Admin)
            .Idempotent()
            .WithName(nameof(InviteMember))
            .WithSummary("Invite an address to this workspace (admin): the link is mailed to it, never returned")
            .Produces<InvitationView>(StatusCodes.Status201Created);
}
