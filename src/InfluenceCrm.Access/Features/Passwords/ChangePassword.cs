using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// A signed-in person changes their password (/account): the current one, then a new one that follows
/// <see cref="PasswordPolicy"/>. Their other sessions end; this one goes on. A person without a password (single sign-on)
/// sets one through "forgot password" instead. Only a person may: an API key has no password (403). Audited as
/// person.password_changed. The current password is checked under the sign-in's throttle (<see cref="SignInThrottle"/>, the
/// same turns for the address and the client), so a stolen session cannot guess it faster here than at the sign-in page:
/// a wrong one is audited as person.password_change_failed, an attempt refused unchecked as person.password_change_throttled
/// (<see cref="PasswordPolicy.Throttled"/>).
/// </summary>
public static class ChangePassword
{
    public sealed record Request(string? CurrentPassword, string? NewPassword) : IRequest<Unit>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
            RuleFor(r => r.NewPassword).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
        }
    }

    internal sealed class Handler(Db db, People people, Sessions sessions, AuditLog audit, SignInThrottle throttle, IHttpContextAccessor http,
        TimeProvider clock) : IRequestHandler<Request, Unit>
    {
        public async Task<Unit> Handle(Request request, CancellationToken cancellationToken)
        {
            var user = http.HttpContext?.User;
            var person = user?.FindFirst(ConsoleAccess.PersonClaim)?.Value is { } id ? await people.FindByIdAsync(id, cancellationToken) : null;
            if (person is null)
            {
                throw new ForbiddenException("Only a person signed in to the console has a password to change.");
            }

            var client = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            var wait = throttle.Reserve(person.Email, client);
            if (wait is null)
            {
                await RefuseAsync(person.Id, "person.password_change_throttled", PasswordPolicy.Throttled,
                    "Too many attempts for this address or from this network just now: wait a minute and try again.", cancellationToken);
            }

            if (wait is { } delay && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock, cancellationToken);
            }

            if (person.PasswordHash is null || (await people.CheckPasswordAsync(person.Email, request.CurrentPassword!, cancellationToken)).Outcome
                != People.SignInOutcome.Succeeded)
            {
                await RefuseAsync(person.Id, "person.password_change_failed", PasswordPolicy.CurrentWrong, "This is not your current password.",
                    cancellationToken);
            }

            throttle.Succeeded(person.Email, client);
            PasswordPolicy.Demand(request.NewPassword, person.Email, person.DisplayName, nameof(Request.NewPassword));
            var current = user!.FindFirst(Sessions.Claim)?.Value;
            await db.InTransactionAsync(async (c, tx) =>
            {
                await people.SetPasswordAsync(c, tx, person.Id, request.NewPassword!, cancellationToken);
                var ended = await sessions.RevokeAllAsync(c, tx, person.Id, current, cancellationToken);
                await audit.RecordAsync(c, tx, "person.password_changed", "person", person.Id, new { sessionsEnded = ended }, cancellationToken);
            }, cancellationToken);
            return Unit.Value;
        }

        private async Task RefuseAsync(string personId, string action, string code, string message, CancellationToken ct)
        {
            await db.InTransactionAsync((c, tx) => audit.RecordAsync(c, tx, action, "person", personId, null, ct), ct);
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Request.CurrentPassword), message) { ErrorCode = code }]);
        }
    }
}
