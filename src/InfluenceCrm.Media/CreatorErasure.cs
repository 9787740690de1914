using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Media;

/// <summary>
/// The Media module's part of a creator's erasure, in the erasure's transaction: the files their drafts referenced lose their
/// rows, and their storage keys are queued for <see cref="MediaPurge"/>, which deletes the objects once the erasure has committed
/// (an erasure that fails leaves every file as it was).
/// </summary>
internal sealed class CreatorErasure(TimeProvider clock, MediaPurge purge) : INotificationHandler<CreatorErased>
{
    public async Task Handle(CreatorErased e, CancellationToken cancellationToken)
    {
        var (c, tx) = (e.Connection, e.Transaction);
        var files = (await c.QueryAsync<MediaStore.Row>(MediaStore.LoadCreators, new { e.WorkspaceId, e.CreatorId }, tx, cancellationToken)).ToList();
        foreach (var file in files)
        {
            foreach (var key in file.Keys)
            {
                await c.ExecuteAsync(MediaStore.QueuePurge, new { Key = key, Now = clock.GetUtcNow() }, tx, cancellationToken);
            }

            await c.ExecuteAsync(MediaStore.DeleteLinks, new { e.WorkspaceId, file.Id }, tx, cancellationToken);
            await c.ExecuteAsync(MediaStore.Delete, new { e.WorkspaceId, file.Id }, tx, cancellationToken);
        }

        purge.Wake();
        e.Report.Remove($"media: the {files.Count} stored file(s) of the creator's drafts, deleted from storage with their thumbnails");
    }
}
