using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using MediatR;

namespace InfluenceCrm.Contracts;

/// <summary>
/// The Contracts module's part of a creator's personal-data export: every contract with them, each with every version of
/// its terms (the parties' identity, postal and e-mail addresses, tax residence, representatives, missions, remuneration),
/// the signed document's reference and the milestones with their payments. Amended terms are history the person has a right to see.
/// </summary>
internal sealed class CreatorPersonalData(ContractStore store) : INotificationHandler<CreatorDataRequested>
{
    public static readonly Sql CreatorsContracts = Sql.Both(
        "SELECT id FROM contract_contracts WHERE workspace_id = @WorkspaceId AND creator_id = @CreatorId ORDER BY created_at, id");

    public static readonly Sql TermsVersions = Sql.Both("""
        SELECT terms_version AS TermsVersion, terms AS Terms, reason AS Reason, created_at AS CreatedAt FROM contract_terms_versions
        WHERE workspace_id = @WorkspaceId AND contract_id = @ContractId ORDER BY terms_version
        """);

    public sealed record TermsVersionView(int TermsVersion, ContractTerms Terms, string? Reason, DateTimeOffset CreatedAt);

    public sealed record ContractData(ContractView Contract, IReadOnlyList<TermsVersionView> TermsVersions);

    public sealed record Section(IReadOnlyList<ContractData> Contracts);

    private sealed class TermsRow
    {
        public long TermsVersion { get; init; }
        public string Terms { get; init; } = "{}";
        public string? Reason { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    public async Task Handle(CreatorDataRequested e, CancellationToken cancellationToken)
    {
        var (c, tx) = (e.Connection, e.Transaction);
        var contracts = new List<ContractData>();
        foreach (var id in await c.QueryAsync<string>(CreatorsContracts, new { e.WorkspaceId, e.CreatorId }, tx, cancellationToken))
        {
            var versions = await c.QueryAsync<TermsRow>(TermsVersions, new { e.WorkspaceId, ContractId = id }, tx, cancellationToken);
            contracts.Add(new ContractData(await store.LoadAsync(c, e.WorkspaceId, id, tx, cancellationToken),
                versions.Select(v => new TermsVersionView((int)v.TermsVersion, ContractStore.Deserialize(v.Terms), v.Reason, v.CreatedAt)).ToList()));
        }

        e.Export.Add("contracts", new Section(contracts));
    }
}
