using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Creators.PublicQueries;

/// <summary>A creator of the caller's workspace with their address and language (the portal's invitation mails them); 404 otherwise.</summary>
public static class GetCreatorContact
{
    public sealed record Request(string CreatorId) : IRequest<CreatorContact>;

    internal static readonly Sql ById = Sql.Both("""
        SELECT id AS Id, workspace_id AS WorkspaceId, display_name AS DisplayName, email AS Email, languages AS Languages
        FROM creator_creators WHERE id = @Id AND workspace_id = @WorkspaceId AND erased_at IS NULL
        """);

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, CreatorContact>
    {
        public async Task<CreatorContact> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var row = await c.QuerySingleOrDefaultAsync<CreatorContact.Row>(ById, new { Id = request.CreatorId, caller.WorkspaceId }, ct: cancellationToken)
                ?? throw new NotFoundException("creator", request.CreatorId);
            return row.ToContact();
        }
    }
}
