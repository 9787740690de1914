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
/// person.password_changed.
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

    internal sealed class Handler(Db db, People people, Sessions sessions, AuditLog audit, IHttpContextAccessor http) : IRequestHandler<Request, Unit>
    {
        public async Task<Unit> Handle(Request request, CancellationToken cancellationToken)
        {
            var user = http.HttpContext?.User;
            var person = user?.FindFirst(ConsoleAccess.PersonClaim)?.Value is { } id ? await people.FindByIdAsync(id, cancellationToken) : null;
            if (person is null)
            {
                throw new ForbiddenException("Only a person signed in to the console has a password to change.");
            }

            if (person.PasswordHash is null || (await people.CheckPasswordAsync(person.Email, request.CurrentPassword!, cancellationToken)).Outcome
                != People.SignInOutcome.Succeeded)
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Request.CurrentPassword),
                    "This is not your current password.") { ErrorCode = PasswordPolicy.CurrentWrong }]);
            }

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
    }
}
