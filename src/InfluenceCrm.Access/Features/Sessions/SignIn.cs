using FluentValidation;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// A person signs in to the console with their e-mail address and password. Every attempt on a known address is in the
/// audit log of each of its workspaces, by person id. The console page turns a success into the session cookie. A single
/// sign-on identity pending in this browser (<see cref="SignInWithSso.PendingLinkCookie"/>) is linked to the person on success:
/// signing in with the password proves the account is theirs.
/// </summary>
public static class SignIn
{
    public sealed record Request(string? Email, string? Password, string? PendingSsoLink = null) : IRequest<Response>;

    /// <param name="Workspace">The workspace the session opens on (the first of the person's), when signed in.</param>
    public sealed record Response(People.SignInOutcome Outcome, string? PersonId, string? DisplayName, People.MembershipView? Workspace)
    {
        public bool Succeeded => Outcome == People.SignInOutcome.Succeeded && Workspace is not null;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().MaximumLength(People.EmailWidth).EmailAddress();
            RuleFor(r => r.Password).NotEmpty().MaximumLength(1000);
        }
    }

    internal sealed class Handler(Db db, People people, SsoLinks links, TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var (outcome, person) = await people.CheckPasswordAsync(request.Email!, request.Password!, cancellationToken);
            var memberships = person is null ? [] : await people.MembershipsAsync(person.Id, cancellationToken);
            var linked = outcome == People.SignInOutcome.Succeeded && person is not null
                && await links.CompleteAsync(person.Id, request.PendingSsoLink, cancellationToken);
            if (person is not null && memberships.Count > 0)
            {
                var action = outcome == People.SignInOutcome.Succeeded ? "person.signed_in" : "person.sign_in_failed";
                await db.InTransactionAsync(async (c, tx) =>
                {
                    foreach (var m in memberships)
                    {
                        await Platform.Audit.AuditLog.WriteAsync(c, tx, clock, m.WorkspaceId, person.Id, action, "person", person.Id,
                            new { outcome = outcome.ToString() }, cancellationToken);
                        if (linked)
                        {
                            await Platform.Audit.AuditLog.WriteAsync(c, tx, clock, m.WorkspaceId, person.Id, "person.sso_linked", "person", person.Id,
                                null, cancellationToken);
                        }
                    }
                }, cancellationToken);
            }

            return outcome == People.SignInOutcome.Succeeded && memberships.Count > 0
                ? new Response(outcome, person!.Id, person.DisplayName, memberships[0])
                : new Response(outcome, null, null, null);
        }
    }
}
