using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Media.PublicQueries;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Media;

/// <summary>The Media module's part of a creator's personal-data export: the files their drafts referenced (each downloadable at its url).</summary>
internal sealed class CreatorPersonalData : INotificationHandler<CreatorDataRequested>
{
    public sealed record StoredFile(MediaFile File, DateTimeOffset StoredAt);

    public async Task Handle(CreatorDataRequested e, CancellationToken cancellationToken)
    {
        var rows = await e.Connection.QueryAsync<MediaStore.Row>(MediaStore.LoadCreators, new { e.WorkspaceId, e.CreatorId }, e.Transaction, cancellationToken);
        e.Export.Add("media", rows.Select(r => new StoredFile(r.ToView(), r.CreatedAt)).ToList());
    }
}
