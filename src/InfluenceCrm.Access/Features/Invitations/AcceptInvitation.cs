using System.Security.Claims;
using System.Text.Json.Serialization;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// The invited person opens the mailed link: a new address chooses its name and password; an address that already has an
/// account gives its current password (an invitation never sets or replaces one); a new one follows <see cref="PasswordPolicy"/>. The acceptance is audited in
/// the
/// workspace joined. Refused: an unknown, used, expired, resent or revoked link, or the wrong password of an existing account.
/// </summary>
public static class AcceptInvitation
{
    public sealed record Request(string Token, string? DisplayName, string? Password) : IRequest<Response>;

    /// <param name="Outcome">Joined, or why not: InvitationInvalid (the link no longer works), HasAccount (an existing account's password is needed).</param>
    /// <param name="SessionId">The server-side session opened for the person who joined.</param>
    public sealed record Response(string Outcome, string? PersonId, string? DisplayName, string? WorkspaceId, string? Role, string? SessionId = null)
    {
        public const string Joined = "joined", InvitationInvalid = "invitation_invalid", HasAccount = "has_account";

        /// <summary>The console's session for the person who joined, which the page puts in its cookie (never on the wire).</summary>
        [JsonIgnore]
        public ClaimsPrincipal? Principal => Outcome == Joined
            ? AccessAuthentication.Principal(PersonId!, DisplayName!, WorkspaceId!, Role!, SessionId!)
            : null;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.DisplayName).NotEmpty().Must(n => n!.Trim().Length <= People.DisplayNameWidth)
                .WithMessage($"At most {People.DisplayNameWidth} characters.");
            RuleFor(r => r.Password).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
        }
    }

    internal sealed class Handler(Db db, People people, Sessions sessions, TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var invitation = await people.FindInvitationAsync(request.Token, cancellationToken);
            if (invitation is not null && await people.FindAsync(invitation.Email, cancellationToken) is null)
            {
                PasswordPolicy.Demand(request.Password, invitation.Email, request.DisplayName, nameof(Request.Password)); // a new account's first password
            }

            var person = invitation is null
                ? null
                : await people.AcceptInvitationAsync(request.Token, request.DisplayName!, request.Password!, cancellationToken);
            if (person is null)
            {
                return new Response(invitation is null || await people.FindInvitationAsync(request.Token, cancellationToken) is null
                    ? Response.InvitationInvalid : Response.HasAccount, null, null, null, null);
            }

            await db.InTransactionAsync((c, tx) => Platform.Audit.AuditLog.WriteAsync(c, tx, clock, invitation!.WorkspaceId, person.Id, "invitation.accepted",
                "invitation", invitation.Id, new { role = invitation.Role }, cancellationToken), cancellationToken);
            return new Response(Response.Joined, person.Id, person.DisplayName, invitation!.WorkspaceId, invitation.Role,
                await sessions.OpenAsync(person.Id, cancellationToken));
        }
    }
}
