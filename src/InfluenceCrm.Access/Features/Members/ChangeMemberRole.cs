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
/// Gives a member another role in this workspace (admin), with If-Match. The last admin cannot be demoted (409). The person's
/// console session follows at its next request; their API keys are the workspace's, not theirs, and are unchanged.
/// </summary>
public static class ChangeMemberRole
{
    public sealed record Request(string PersonId, string? Role, long? ExpectedVersion) : IRequest<MemberView>;

    /// <param name="Role">The new role: admin, brand, legal, integration or viewer.</param>
    public sealed record Body(string? Role);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Role).Must(r => Roles.All.Contains(r!)).WithMessage($"role must be one of: {string.Join(", ", Roles.All)}.");
    }

    internal sealed class Handler(Db db, Caller caller, AuditLog audit) : IRequestHandler<Request, MemberView>
    {
        public Task<MemberView> Handle(Request request, CancellationToken cancellationToken) =>
            db.InTransactionAsync(async (c, tx) =>
            {
                var member = await Memberships.LoadRequiredAsync(c, tx, caller.WorkspaceId, request.PersonId, cancellationToken);
                ETags.Check(request.ExpectedVersion, member.Version);
                if (member.Role == request.Role)
                {
                    return member;
                }

                await Memberships.RefuseLastAdminAsync(c, tx, caller.WorkspaceId, member, "demoted", cancellationToken);
                await c.ExecuteAsync(Memberships.ChangeRole, new { caller.WorkspaceId, request.PersonId, request.Role }, tx, cancellationToken);
                await audit.RecordAsync(c, tx, "person.role_changed", "person", request.PersonId, new { role = request.Role }, cancellationToken);
                return await Memberships.LoadRequiredAsync(c, tx, caller.WorkspaceId, request.PersonId, cancellationToken);
            }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapPatch("/{personId}", async (string personId, Body body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var expected = ETags.RequiredVersion(http);
                var member = await mediator.Send(new Request(personId, body.Role, expected), ct);
                return ETags.Ok(http, member, member.Version);
            })
            .Accepts<Body>("application/json", "application/merge-patch+json")
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ChangeMemberRole))
            .WithMetadata(ETags.Answered.Instance)
            .WithMetadata(ETags.IfMatchRequired.Instance)
            .WithSummary("Change a member's role (admin; If-Match); the last admin cannot be demoted")
            .Produces<MemberView>();
}
