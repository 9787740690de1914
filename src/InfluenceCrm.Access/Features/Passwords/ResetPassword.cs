using FluentValidation;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// The mailed link's page: a new password that follows <see cref="PasswordPolicy"/> (a refused one leaves the link
/// usable). The link then stops working, the address counts as proven (the link reached it), and every session of the
/// person ends, wherever it is. Audited as person.password_reset in each of the person's workspaces.
/// </summary>
public static class ResetPassword
{
    public sealed record Request(string Token, string? NewPassword) : IRequest<Response>;

    /// <param name="Outcome">reset, or link_invalid (unknown, used or expired link).</param>
    public sealed record Response(string Outcome)
    {
        public const string Reset = "reset", LinkInvalid = "link_invalid";
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.NewPassword).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
    }

    internal sealed class Handler(Db db, People people, Sessions sessions, TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var reset = await people.FindResetAsync(request.Token, cancellationToken);
            if (reset is null)
            {
                return new Response(Response.LinkInvalid);
            }

            PasswordPolicy.Demand(request.NewPassword, reset.Email, reset.DisplayName, nameof(Request.NewPassword));
            var memberships = await people.MembershipsAsync(reset.PersonId, cancellationToken);
            var done = await db.InTransactionAsync(async (c, tx) =>
            {
                if (!await people.UseResetAsync(c, tx, reset, request.NewPassword!, cancellationToken))
                {
                    return false;
                }

                var ended = await sessions.RevokeAllAsync(c, tx, reset.PersonId, null, cancellationToken);
                foreach (var m in memberships)
                {
                    await Platform.Audit.AuditLog.WriteAsync(c, tx, clock, m.WorkspaceId, reset.PersonId, "person.password_reset", "person", reset.PersonId,
                        new { sessionsEnded = ended }, cancellationToken);
                }

                return true;
            }, cancellationToken);
            return new Response(done ? Response.Reset : Response.LinkInvalid);
        }
    }
}
