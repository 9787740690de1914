using FluentValidation;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// A person signs in with single sign-on, after the OpenID Connect handler checked the provider's answer (signature,
/// issuer, audience, lifetime, nonce, state). The person is the one linked to (issuer, subject); a new identity becomes a
/// new person only through a pending invitation for its verified address, and links to an existing account only once the
/// owner signs in their usual way (<see cref="People.SsoOutcome.LinkRequired"/>: the answer carries the pending link).
/// </summary>
public static class SignInWithSso
{
    /// <summary>The cookie holding a pending link (protected) between the SSO sign-in and the owner's own sign-in.</summary>
    public const string PendingLinkCookie = "influencecrm.sso-link";

    /// <param name="PendingLink">A link pending in this browser, completed when this identity is already the account's.</param>
    public sealed record Request(string Issuer, string Subject, string? Email, bool EmailVerified, string? DisplayName, string? PendingLink)
        : IRequest<Response>;

    public sealed record Response(People.SsoOutcome Outcome, string? PersonId, string? DisplayName, People.MembershipView? Workspace, string? PendingLink,
        string? SessionId = null);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Issuer).NotEmpty().MaximumLength(People.IssuerWidth);
            RuleFor(r => r.Subject).NotEmpty().MaximumLength(People.SubjectWidth);
        }
    }

    internal sealed class Handler(Db db, People people, Sessions sessions, SsoLinks links, TimeProvider clock) : IRequestHandler<Request, Response>
    {
        public async Task<Response> Handle(Request request, CancellationToken cancellationToken)
        {
            var identity = new People.SsoIdentity(request.Issuer, request.Subject, request.Email, request.EmailVerified,
                request.DisplayName is null ? null : People.FitDisplayName(request.DisplayName));
            var (outcome, person) = await people.ResolveSsoAsync(identity, cancellationToken);
            if (outcome == People.SsoOutcome.LinkRequired)
            {
                return new Response(outcome, null, null, null, links.Protect(person!.Id, identity));
            }

            var memberships = person is null ? [] : await people.MembershipsAsync(person.Id, cancellationToken);
            if (outcome != People.SsoOutcome.SignedIn || memberships.Count == 0)
            {
                return new Response(People.SsoOutcome.Refused, null, null, null, null);
            }

            var linked = await links.CompleteAsync(person!.Id, request.PendingLink, cancellationToken);
            await db.InTransactionAsync(async (c, tx) =>
            {
                foreach (var m in memberships)
                {
                    await Platform.Audit.AuditLog.WriteAsync(c, tx, clock, m.WorkspaceId, person.Id, "person.signed_in", "person", person.Id,
                        new { method = "sso" }, cancellationToken);
                    if (linked)
                    {
                        await Platform.Audit.AuditLog.WriteAsync(c, tx, clock, m.WorkspaceId, person.Id, "person.sso_linked", "person", person.Id,
                            null, cancellationToken);
                    }
                }
            }, cancellationToken);
            return new Response(outcome, person.Id, person.DisplayName, memberships[0], null, await sessions.OpenAsync(person.Id, cancellationToken));
        }
    }
}
