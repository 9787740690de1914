using System.Data.Common;
using MediatR;

namespace InfluenceCrm.Creators.PublicQueries;

/// <summary>
/// Published by the Creators module when a creator's personal data is exported (GDPR art. 15, right of access), inside
/// the export's transaction: each module adds what it holds on the person, read from its own tables on
/// <see cref="Connection"/> and <see cref="Transaction"/>, under its name in <see cref="Export"/>. The same reach as
/// <see cref="CreatorErased"/>: what one erases, the other shows.
/// </summary>
/// <param name="Handles">The creator's social accounts as "platform:handle", lower-case, without @ (as in <see cref="CreatorErased"/>).</param>
public sealed record CreatorDataRequested(string WorkspaceId, string CreatorId, IReadOnlyList<string> Handles, DbConnection Connection,
    DbTransaction Transaction, PersonalDataExport Export) : INotification;

/// <summary>Each module's part of a personal-data export, by module name.</summary>
public sealed class PersonalDataExport
{
    private readonly SortedDictionary<string, object> modules = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object> Modules => modules;

    public void Add(string module, object data) => modules.Add(module, data);
}
