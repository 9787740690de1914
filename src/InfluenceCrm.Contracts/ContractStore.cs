using System.Data.Common;
using System.Text.Json;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Contracts;

public sealed record SignedDocument(string Uri, string Sha256, DateTimeOffset? SignedAt);

public sealed record MilestoneView(string Id, string Label, Money Amount, DateOnly DueOn, DateTimeOffset? PaidAt, string? PaymentReference);

public sealed record ContractView(
    string Id, string CreatorId, string? CampaignId, string Title, string Status, int TermsVersion, ContractTerms Terms,
    SignedDocument? SignedDocument, IReadOnlyList<MilestoneView> Milestones, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The online signatures of its versions, each with its evidence (the invalidated ones too, marked).</summary>
    public IReadOnlyList<ContractSignature> Signatures { get; init; } = [];
}

/// <summary>Reads and writes the contract_* tables. Only this module touches them.</summary>
internal sealed class ContractStore(TimeProvider clock)
{
    public static readonly Sql InsertContract = Sql.Both("""
        INSERT INTO contract_contracts (id, workspace_id, creator_id, campaign_id, title, status, current_terms_version, governing_law,
            signed_document_uri, signed_document_sha256, signed_at, version, created_at, updated_at)
        VALUES (@Id, @WorkspaceId, @CreatorId, @CampaignId, @Title, 'draft', 1, @GoverningLaw, NULL, NULL, NULL, 1, @Now, @Now)
        """);

    public static readonly Sql InsertTerms = Sql.Both("""
        INSERT INTO contract_terms_versions (contract_id, terms_version, workspace_id, terms, reason, created_at, created_by)
        VALUES (@ContractId, @TermsVersion, @WorkspaceId, @Terms, @Reason, @Now, @CreatedBy)
        """);

    public static readonly Sql ReplaceDraftTerms = Sql.Both("""
        UPDATE contract_terms_versions SET terms = @Terms, created_at = @Now, created_by = @CreatedBy
        WHERE contract_id = @ContractId AND terms_version = @TermsVersion AND workspace_id = @WorkspaceId
        """);

    public static readonly Sql UpdateContract = Sql.Both("""
        UPDATE contract_contracts
        SET title = @Title, status = @Status, current_terms_version = @TermsVersion, governing_law = @GoverningLaw,
            signed_document_uri = @DocumentUri, signed_document_sha256 = @DocumentSha256, signed_at = @SignedAt,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    public static readonly Sql LoadContract = Sql.Both("""
        SELECT c.id AS Id, c.creator_id AS CreatorId, c.campaign_id AS CampaignId, c.title AS Title, c.status AS Status,
            c.current_terms_version AS TermsVersion, t.terms AS Terms, c.signed_document_uri AS DocumentUri, c.signed_document_sha256 AS DocumentSha256,
            c.signed_at AS SignedAt, c.version AS Version, c.created_at AS CreatedAt, c.updated_at AS UpdatedAt
        FROM contract_contracts c
        JOIN contract_terms_versions t ON t.contract_id = c.id AND t.terms_version = c.current_terms_version
        WHERE c.workspace_id = @WorkspaceId AND c.id = @Id
        """);

    public static readonly Sql LoadMilestones = Sql.Both("""
        SELECT id AS Id, label AS Label, amount AS Amount, currency AS Currency, due_on AS DueOn, paid_at AS PaidAt, payment_reference AS PaymentReference
        FROM contract_milestones WHERE workspace_id = @WorkspaceId AND contract_id = @Id ORDER BY due_on, id
        """);

    public static readonly Sql DeleteUnpaidMilestones = Sql.Both(
        "DELETE FROM contract_milestones WHERE workspace_id = @WorkspaceId AND contract_id = @ContractId AND paid_at IS NULL");

    public static readonly Sql InsertMilestone = Sql.Both("""
        INSERT INTO contract_milestones (id, workspace_id, contract_id, label, amount, currency, due_on, paid_at, payment_reference)
        VALUES (@Id, @WorkspaceId, @ContractId, @Label, @Amount, @Currency, @DueOn, NULL, NULL)
        """);

    internal sealed class ContractRow
    {
        public string Id { get; init; } = "";
        public string CreatorId { get; init; } = "";
        public string? CampaignId { get; init; }
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public long TermsVersion { get; init; }
        public string Terms { get; init; } = "{}";
        public string? DocumentUri { get; init; }
        public string? DocumentSha256 { get; init; }
        public DateTimeOffset? SignedAt { get; init; }
        public long Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }

    internal sealed class MilestoneRow
    {
        public string Id { get; init; } = "";
        public string Label { get; init; } = "";
        public long Amount { get; init; }
        public string Currency { get; init; } = "";
        public DateOnly DueOn { get; init; }
        public DateTimeOffset? PaidAt { get; init; }
        public string? PaymentReference { get; init; }

        public MilestoneView ToView() => new(Id, Label, new Money(Amount, Currency.Trim()), DueOn, PaidAt, PaymentReference);
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static string Serialize(ContractTerms terms) => JsonSerializer.Serialize(terms, JsonSerializerOptions.Web);

    public static ContractTerms Deserialize(string terms) => JsonSerializer.Deserialize<ContractTerms>(terms, JsonSerializerOptions.Web)!;

    public async Task<ContractView> LoadAsync(DbConnection c, string workspaceId, string id, DbTransaction? tx = null, CancellationToken ct = default)
    {
        var row = await c.QuerySingleOrDefaultAsync<ContractRow>(LoadContract, new { WorkspaceId = workspaceId, Id = id }, tx, ct)
            ?? throw new NotFoundException("contract", id);
        var milestones = await c.QueryAsync<MilestoneRow>(LoadMilestones, new { WorkspaceId = workspaceId, Id = id }, tx, ct);
        return new ContractView(row.Id, row.CreatorId, row.CampaignId, row.Title, row.Status, (int)row.TermsVersion, Deserialize(row.Terms),
            row.DocumentUri is null ? null : new SignedDocument(row.DocumentUri, row.DocumentSha256!.Trim(), row.SignedAt),
            milestones.Select(m => m.ToView()).ToList(), row.Version, row.CreatedAt, row.UpdatedAt)
        {
            Signatures = await ContractSignatures.LoadAsync(c, workspaceId, id, tx, ct),
        };
    }

    /// <summary>Writes the contract row over the loaded one; 412 when its version moved.</summary>
    public async Task SaveAsync(DbConnection c, DbTransaction tx, string workspaceId, ContractView current, string title, string status, int termsVersion,
        string? governingLaw, SignedDocument? document, CancellationToken ct)
    {
        var changed = await c.ExecuteAsync(UpdateContract, new
        {
            current.Id,
            WorkspaceId = workspaceId,
            Title = title,
            Status = status,
            TermsVersion = termsVersion,
            GoverningLaw = governingLaw,
            DocumentUri = document?.Uri,
            DocumentSha256 = document?.Sha256,
            document?.SignedAt,
            current.Version,
            Now,
        }, tx, ct);
        if (changed == 0)
        {
            throw new PreconditionFailedException(ETags.For(current.Version + 1));
        }
    }

    /// <summary>
    /// Makes the milestone table follow the terms: unpaid milestones are replaced; a paid one must stay in the terms
    /// exactly as it was paid (409 otherwise), since money already moved.
    /// </summary>
    public async Task SyncMilestonesAsync(DbConnection c, DbTransaction tx, string workspaceId, string contractId, IReadOnlyList<MilestoneView> stored,
        ContractTerms terms, CancellationToken ct)
    {
        var wanted = (terms.Milestones ?? []).ToList();
        foreach (var paid in stored.Where(m => m.PaidAt is not null))
        {
            var match = wanted.FirstOrDefault(w => w.Label == paid.Label && w.Amount == paid.Amount && w.DueOn == paid.DueOn);
            if (match is null)
            {
                throw new ConflictException($"Milestone '{paid.Label}' was paid on {paid.PaidAt:yyyy-MM-dd}; the terms must keep it unchanged.");
            }

            wanted.Remove(match);
        }

        await c.ExecuteAsync(DeleteUnpaidMilestones, new { WorkspaceId = workspaceId, ContractId = contractId }, tx, ct);
        foreach (var m in wanted)
        {
            await c.ExecuteAsync(InsertMilestone, new
            {
                Id = Ids.New("ms"),
                WorkspaceId = workspaceId,
                ContractId = contractId,
                m.Label,
                m.Amount!.Amount,
                m.Amount.Currency,
                m.DueOn,
            }, tx, ct);
        }
    }
}
