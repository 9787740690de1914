using System.Data.Common;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Mail;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// "Forgot password" on the sign-in page: when the address has an account, a single-use link valid 30 minutes is mailed
/// to it (only the token's hash is stored). The answer is the same whatever the address, and so is the work: a token is
/// made and hashed, the mail composed and a transaction run for an unknown address too — only the two rows are not
/// written. Audited as person.password_reset_requested in the person's workspaces.
/// </summary>
public static class RequestPasswordReset
{
    /// <param name="Language">The mail's language: fr (default) or en.</param>
    public sealed record Request(string? Email, string? Language) : IRequest<Unit>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().MaximumLength(People.EmailWidth).EmailAddress();
            RuleFor(r => r.Language).Must(l => l is null or "fr" or "en").WithMessage("language must be fr or en.");
        }
    }

    internal sealed class Handler(Db db, People people, MailOutbox outbox, PublicUrls urls, TimeProvider clock) : IRequestHandler<Request, Unit>
    {
        public async Task<Unit> Handle(Request request, CancellationToken cancellationToken)
        {
            var person = await people.FindAsync(request.Email!, cancellationToken);
            var memberships = person is null ? [] : await people.MembershipsAsync(person.Id, cancellationToken);
            var token = People.NewInvitationToken();
            var address = People.NormalizeEmail(request.Email!);
            var mail = Mail(address, person?.DisplayName, request.Language ?? "fr", urls.For($"/reset-password/{token}"));
            await db.InTransactionAsync(async (c, tx) =>
            {
                if (person is null)
                {
                    return;
                }

                await people.InsertResetAsync(c, tx, person.Id, token, cancellationToken);
                await outbox.EnqueueAsync(c, tx, mail, null, cancellationToken);
                await AuditAsync(c, tx, person.Id, memberships, cancellationToken);
            }, cancellationToken);
            return Unit.Value;
        }

        private async Task AuditAsync(DbConnection c, DbTransaction tx, string personId, IReadOnlyList<People.MembershipView> memberships, CancellationToken ct)
        {
            foreach (var m in memberships)
            {
                await Platform.Audit.AuditLog.WriteAsync(c, tx, clock, m.WorkspaceId, personId, "person.password_reset_requested", "person", personId, null, ct);
            }
        }
    }

    private static OutgoingMail Mail(string address, string? name, string language, string link)
    {
        var french = language.StartsWith("fr", StringComparison.OrdinalIgnoreCase);
        var subject = french ? "Choisir un nouveau mot de passe InfluenceCrm" : "Choose a new InfluenceCrm password";
        var intro = french
            ? "Quelqu'un (vous, espérons-le) a demandé à changer le mot de passe de ce compte InfluenceCrm."
            : "Someone (you, we hope) asked to change the password of this InfluenceCrm account.";
        var validity = french
            ? "Ce lien est valable 30 minutes et ne sert qu'une fois ; il termine toutes vos sessions ouvertes. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas."
            : "This link is valid for 30 minutes and works once; it ends all your open sessions. If you did not ask, ignore this message: your password stays as it is.";
        var action = french ? "Choisir un nouveau mot de passe" : "Choose a new password";
        return new OutgoingMail(null, "password_reset", address, name, french ? "fr" : "en", subject,
            $"{intro}\n\n{action} : {link}\n\n{validity}\n",
            MailHtml.Paragraph(intro) + MailHtml.Button(link, action) + MailHtml.Paragraph(validity));
    }
}
