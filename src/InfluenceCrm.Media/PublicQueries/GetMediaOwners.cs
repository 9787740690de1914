using System.Text.Json;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Media.PublicQueries;

/// <summary>
/// Whose stored files are: who uploaded each (an API key, a person of the console, or a creator in the portal: their creator id)
/// and the creators whose drafts reference it. A draft checks them so that a creator's draft never carries another's files.
/// Files of other workspaces, and unknown ids, are absent.
/// </summary>
public static class GetMediaOwners
{
    public sealed record Request(IReadOnlyList<string> Ids) : IRequest<IReadOnlyDictionary<string, Owners>>;

    /// <param name="UploadedBy">The key, person or creator that stored the file.</param>
    /// <param name="Creators">The creators whose drafts reference it (the file is theirs: their erasure deletes it).</param>
    public sealed record Owners(string UploadedBy, IReadOnlyList<string> Creators);

    internal static readonly Sql Load = KeysetSearch.ByIds("""
        SELECT f.id AS Id, f.created_by AS UploadedBy, l.creator_id AS CreatorId
        FROM media_files f LEFT JOIN media_creator_links l ON l.media_id = f.id AND l.workspace_id = f.workspace_id
        WHERE f.workspace_id = @WorkspaceId
        """, "f.id");

    internal sealed class Row
    {
        public string Id { get; init; } = "";
        public string UploadedBy { get; init; } = "";
        public string? CreatorId { get; init; }
    }

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, IReadOnlyDictionary<string, Owners>>
    {
        public async Task<IReadOnlyDictionary<string, Owners>> Handle(Request request, CancellationToken cancellationToken)
        {
            var ids = request.Ids.Where(MediaFile.IsMediaId).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                return new Dictionary<string, Owners>();
            }

            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<Row>(Load, new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(ids) }, ct: cancellationToken);
            return rows.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key,
                g => new Owners(g.First().UploadedBy, g.Where(r => r.CreatorId is not null).Select(r => r.CreatorId!).ToList()), StringComparer.Ordinal);
        }
    }
}
