using System.Security.Claims;
using System.Text.Json.Serialization;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using MediatR;
using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// A person signs in to the console with their e-mail address and password. Every attempt on a known address is in the
/// audit log of each of its workspaces, by person id. Failures slow the address and the client down
/// (<see cref="SignInThrottle"/>: the attempt waits its turn, or is refused when that is too far); nobody is locked out,
/// and an unknown address gets the same answer after the same work. A success opens a server-side session
/// (<see cref="Sessions"/>) that the console page puts in the cookie. A single sign-on identity pending in this browser
/// (<see cref="SignInWithSso.PendingLinkCookie"/>) is linked to the person on success: the password proves the account is theirs.
/// </summary>
public static class SignIn
{
    public sealed record Request(string? Email, string? Password, string? PendingSsoLink = null) : IRequest<Response>;

    /// <param name="Workspace">The workspace the session opens on (the first of the person's), when signed in.</param>
    /// <param name="SessionId">The server-side session opened, when signed in.</param>
    public sealed record Response(People.SignInOutcome Outcome, string? PersonId, string? DisplayName, People.MembershipView? Workspace,
        string? SessionId = null)
    {
        public bool Succeeded => Outcome == People.SignInOutcome.Succeeded && Workspace is not null;

        /// <summary>The console's session, which the page puts in its cookie when signed in (never on the wire).</summary>
        [JsonIgnore]
        public ClaimsPrincipal? Principal => Succeeded
            ? AccessAuthentication.Principal(PersonId!, DisplayName!, Workspace!.WorkspaceId, Workspace.Role, SessionId!)
            : null;
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().MaximumLength(People.EmailWidth).EmailAddress();
            RuleFor(r => r.Password).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
        }
    }

    internal sealed class Handler(Db db, People people, Sessions sessions, SsoLinks links, SignInThrottle throttle, IHttpContextAccessor http,
        TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var client = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            var wait = throttle.Reserve(request.Email!, client);
            var (outcome, person) = wait is null
                ? (People.SignInOutcome.Throttled, await people.FindAsync(request.Email!, cancellationToken))
                : await CheckAfterAsync(wait.Value, request, cancellationToken);
            if (outcome == People.SignInOutcome.Succeeded)
            {
                throttle.Succeeded(request.Email!, client);
            }

            var memberships = person is null ? [] : await people.MembershipsAsync(person.Id, cancellationToken);
            var linked = outcome == People.SignInOutcome.Succeeded && person is not null
                && await links.CompleteAsync(person.Id, request.PendingSsoLink, cancellationToken);
            if (person is not null && memberships.Count > 0)
            {
                var action = outcome switch
                {
                    People.SignInOutcome.Succeeded => "person.signed_in",
                    People.SignInOutcome.Throttled => "person.sign_in_throttled",
                    _ => "person.sign_in_failed",
                };
                await db.InTransactionAsync(async (c, tx) =>
                {
                    foreach (var m in memberships)
                    {
                        await Platform.Audit.AuditLog.WriteAsync(c, tx, clock, m.WorkspaceId, person.Id, action, "person", person.Id,
                            new { outcome = outcome.ToString(), waitedMs = (long)(wait?.TotalMilliseconds ?? 0) }, cancellationToken);
                        if (linked)
                        {
                            await Platform.Audit.AuditLog.WriteAsync(c, tx, clock, m.WorkspaceId, person.Id, "person.sso_linked", "person", person.Id,
                                null, cancellationToken);
                        }
                    }
                }, cancellationToken);
            }

            return outcome == People.SignInOutcome.Succeeded && memberships.Count > 0
                ? new Response(outcome, person!.Id, person.DisplayName, memberships[0], await sessions.OpenAsync(person.Id, cancellationToken))
                : new Response(outcome == People.SignInOutcome.Throttled ? outcome : People.SignInOutcome.Failed, null, null, null);
        }

        private async Task<(People.SignInOutcome, People.PersonRow?)> CheckAfterAsync(TimeSpan wait, Request request, CancellationToken ct)
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, ct);
            }

            return await people.CheckPasswordAsync(request.Email!, request.Password!, ct);
        }
    }
}
