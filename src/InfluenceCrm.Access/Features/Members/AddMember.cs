using FluentValidation;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Access.Features;

/// <summary>
/// An operator makes a person a member of the caller's workspace with a password (the CLI's <c>users create</c>: the first
/// admin, before anyone can be invited by mail). A new address gets an account; an existing one gets the role and, when
/// a password is given, that password, which follows <see cref="PasswordPolicy"/>. Audited as person.added.
/// </summary>
public static class AddMember
{
    public sealed record Request(string? Email, string? DisplayName, string? Password, string? Role) : IRequest<MemberView>;

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).NotEmpty().MaximumLength(People.EmailWidth).EmailAddress();
            RuleFor(r => r.Role).Must(r => Roles.All.Contains(r!)).WithMessage($"role must be one of: {string.Join(", ", Roles.All)}.");
            RuleFor(r => r).Custom((r, context) =>
            {
                foreach (var failure in r.Password is null ? [] : PasswordPolicy.Check(r.Password, r.Email, r.DisplayName, nameof(Request.Password)))
                {
                    context.AddFailure(failure);
                }
            });
        }
    }

    internal sealed class Handler(Db db, Caller caller, AuditLog audit, People people) : IRequestHandler<Request, MemberView>
    {
        public async Task<MemberView> Handle(Request request, CancellationToken cancellationToken)
        {
            var person = await people.EnsureMemberAsync(request.Email!, request.DisplayName, request.Password, caller.WorkspaceId, request.Role!,
                cancellationToken);
            return await db.InTransactionAsync(async (c, tx) =>
            {
                await audit.RecordAsync(c, tx, "person.added", "person", person.Id, new { role = request.Role }, cancellationToken);
                return await Memberships.LoadRequiredAsync(c, tx, caller.WorkspaceId, person.Id, cancellationToken);
            }, cancellationToken);
        }
    }
}
