using FluentValidation;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Access.Features;

/// <summary>The workspace's members (admin), in the order they joined: each person's name, e-mail address, role and since when.</summary>
public static class ListMembers
{
    public sealed record Request : IRequest<Page<MemberView>>
    {
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    private const string SortName = "since";

    public static readonly Sql List = Sql.Per(
        sqlite: """
            SELECT m.person_id AS PersonId, p.email AS Email, p.display_name AS DisplayName, m.role AS Role, m.created_at AS Since, m.version AS Version
            FROM platform_memberships m JOIN platform_people p ON p.id = m.person_id
            WHERE m.workspace_id = @WorkspaceId AND (@AfterId IS NULL OR m.created_at > @After OR (m.created_at = @After AND m.person_id > @AfterId))
            ORDER BY m.created_at, m.person_id LIMIT @Take
            """,
        sqlServer: """
            SELECT TOP (@Take) m.person_id AS PersonId, p.email AS Email, p.display_name AS DisplayName, m.role AS Role, m.created_at AS Since,
                m.version AS Version
            FROM platform_memberships m JOIN platform_people p ON p.id = m.person_id
            WHERE m.workspace_id = @WorkspaceId AND (@AfterId IS NULL OR m.created_at > @After OR (m.created_at = @After AND m.person_id > @AfterId))
            ORDER BY m.created_at, m.person_id
            OPTION (RECOMPILE)
            """);

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, Page<MemberView>>
    {
        public Task<Page<MemberView>> Handle(Request request, CancellationToken cancellationToken) =>
            CreatedOrder.PageAsync<MemberRow, MemberView>(db, List, SortName, request.Limit, request.Cursor,
                (after, afterId, take) => new { caller.WorkspaceId, After = after, AfterId = afterId, Take = take },
                r => r.View(), m => (m.Since, m.PersonId), cancellationToken);
    }

    internal static void Map(RouteGroupBuilder group) =>
        group.MapGet("", async ([AsParameters] Request request, IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(request, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName(nameof(ListMembers))
            .WithSummary("List this workspace's members and their roles (admin)")
            .Produces<Page<MemberView>>();
}
