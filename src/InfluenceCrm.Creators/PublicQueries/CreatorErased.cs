using System.Data.Common;
using MediatR;

namespace InfluenceCrm.Creators.PublicQueries;

/// <summary>
/// Published by the Creators module when a creator is erased (GDPR art. 17), inside the erasure's transaction: each
/// module removes or pseudonymises what it holds on the person, in its own tables, on <see cref="Connection"/> and
/// <see cref="Transaction"/>, and names what it removed and what it keeps (and why) in <see cref="Report"/>. Records the
/// law requires kept (signed contracts, payments) stay, minus what is not needed.
/// </summary>
/// <param name="Handles">The creator's social accounts as "platform:handle", lower-case, without @, taken before the accounts are deleted
/// (a handle alone could be another person's on another platform).</param>
public sealed record CreatorErased(string WorkspaceId, string CreatorId, IReadOnlyList<string> Handles, DbConnection Connection, DbTransaction Transaction,
    ErasureReport Report) : INotification;

/// <summary>What each module removed and kept, for the erasure's answer and the personal-data export.</summary>
public sealed class ErasureReport
{
    private readonly List<string> removed = [];
    private readonly List<string> kept = [];

    public IReadOnlyList<string> Removed => removed;

    public IReadOnlyList<string> Kept => kept;

    public void Remove(string what) => removed.Add(what);

    public void Keep(string what) => kept.Add(what);
}
