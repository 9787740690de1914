using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>The workspace's pending invitations (admin), oldest first: to whom, which role, until when; never their links.</summary>
public static class ListInvitations
{
    public sealed record Request : IRequest<Page<InvitationView>>
    {
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "createdAt";

    public static readonly Sql List = Sql.Per(
        sqlite: """
            SELECT id AS Id, email AS Email, role AS Role, created_at AS CreatedAt, expires_at AS ExpiresAt
            FROM platform_invitations
            WHERE workspace_id = @WorkspaceId AND accepted_at IS NULL AND expires_at > @Now
              AND (@AfterId IS NULL OR created_at > @After OR (created_at = @After AND id > @AfterId))
            ORDER BY created_at, id LIMIT @Take
            """,
        sqlServer: """
            SELECT TOP (@Take) id AS Id, email AS Email, role AS Role, created_at AS CreatedAt, expires_at AS ExpiresAt
            FROM platform_invitations
            WHERE workspace_id = @WorkspaceId AND accepted_at IS NULL AND expires_at > @Now
              AND (@AfterId IS NULL OR created_at > @After OR (created_at = @After AND id > @AfterId))
            ORDER BY created_at, id
            OPTION (RECOMPILE)
            """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }

    internal sealed class Handler(Db db, Caller caller, TimeProvider clock) : IRequestHandler<Request, Page<InvitationView>>
    {
        public Task<Page<InvitationView>> Handle(Request request, CancellationToken cancellationToken) =>
            CreatedOrder.PageAsync<InvitationViewRow, InvitationView>(db, List, SortName, request.Limit, request.Cursor,
                (after, afterId, take) => new { caller.WorkspaceId, Now = clock.GetUtcNow(), After = after, AfterId = afterId, Take = take },
                r => r.View(), i => (i.CreatedAt, i.Id), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ListInvitations))
            .WithSummary("List this workspace's pending invitations (admin); their links are never shown")
            .Produces<Page<InvitationView>>();
}
