using System.Text.Json;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Media.PublicQueries;

/// <summary>What other modules may read of stored files they reference by id (a draft, a UGC asset). Another workspace's are absent.</summary>
public static class GetMediaFiles
{
    public sealed record Request(IReadOnlyList<string> Ids) : IRequest<IReadOnlyDictionary<string, MediaFile>>;

    internal sealed class Handler(Db db, Caller caller) : IRequestHandler<Request, IReadOnlyDictionary<string, MediaFile>>
    {
        public async Task<IReadOnlyDictionary<string, MediaFile>> Handle(Request request, CancellationToken cancellationToken)
        {
            var ids = request.Ids.Where(MediaFile.IsMediaId).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                return new Dictionary<string, MediaFile>();
            }

            await using var c = await db.OpenAsync(cancellationToken);
            var rows = await c.QueryAsync<MediaStore.Row>(MediaStore.LoadMany, new { caller.WorkspaceId, Ids = JsonSerializer.Serialize(ids) },
                ct: cancellationToken);
            return rows.ToDictionary(r => r.Id, r => r.ToView(), StringComparer.Ordinal);
        }
    }
}
