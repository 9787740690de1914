using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using MediatR;

namespace InfluenceCrm.Media.PublicQueries;

/// <summary>
/// Sent by a module whose record about a creator references stored files (a draft): those files are then the creator's, so the
/// creator's erasure deletes them and their personal-data export lists them. Ids of other workspaces are ignored.
/// </summary>
public static class LinkMediaToCreator
{
    public sealed record Request(string CreatorId, IReadOnlyList<string> MediaIds) : IRequest<Unit>;

    internal sealed class Handler(Db db, Caller caller, TimeProvider clock) : IRequestHandler<Request, Unit>
    {
        public async Task<Unit> Handle(Request request, CancellationToken cancellationToken)
        {
            var files = request.MediaIds.Where(MediaFile.IsMediaId).Distinct(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                return Unit.Value;
            }

            await db.InTransactionAsync(async (c, tx) =>
            {
                foreach (var id in files)
                {
                    var file = await c.QuerySingleOrDefaultAsync<MediaStore.Row>(MediaStore.Load, new { caller.WorkspaceId, Id = id }, tx, cancellationToken);
                    if (file is not null)
                    {
                        await c.ExecuteAsync(MediaStore.Link,
                            new { MediaId = id, request.CreatorId, caller.WorkspaceId, Now = clock.GetUtcNow() }, tx, cancellationToken);
                    }
                }

                return 0;
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
