using System.Data.Common;
using System.Text.Json;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.UgcRights;

/// <param name="ReleaseScope">What the person's image release allows (null: not limited by the release itself).</param>
/// <param name="ReleaseWithdrawnOn">From when the person withdrew their release (Code civil, art. 9).</param>
/// <param name="IsMinor">Whether the person is a minor today: from the birth date when it is known, else the recorded flag.</param>
/// <param name="BirthDate">When known, the rights check decides minority on the day of each use.</param>
public sealed record PersonView(string Id, string Description, bool IsMinor, int ParentalAuthorityHolders, string? ReleaseEvidence,
    DateTimeOffset? ReleaseObtainedAt, IReadOnlyList<GuardianConsent> GuardianConsents, ReleaseScope? ReleaseScope = null, DateOnly? ReleaseWithdrawnOn = null,
    DateOnly? BirthDate = null);

public sealed record AssetView(string Id, string SourceUrl, string Platform, string AuthorHandle, string? CreatorId, string? DeliverableId, string MediaType,
    DateTimeOffset? CapturedAt, string? Sha256, IReadOnlyList<PersonView> People, DateTimeOffset CreatedAt, string? MediaId = null);

/// <param name="SupersededFrom">The day the grant that supersedes this one takes over; this one covers until the day before.</param>
/// <param name="SupersededReason">What superseded it when that was not a new grant's registration, e.g. a contract's amendment.</param>
public sealed record GrantView(string Id, string AssetId, string? RequestId, GrantTerms Terms, Evidence Evidence, string Status, string? SupersedesId,
    string? SupersededById, DateOnly? RevokedFrom, string? RevocationReason, long Version, DateTimeOffset CreatedAt, DateOnly? SupersededFrom = null,
    string? SupersededReason = null);

public sealed record RightsRequestView(string Id, string AssetId, string Method, string? ApprovalHashtag, GrantTerms ProposedTerms, string Language,
    string Status, DateTimeOffset ExpiresAt, string? GrantId, DateTimeOffset? RespondedAt, long Version, DateTimeOffset CreatedAt);

/// <summary>Reads and writes the ugc_* tables. Only this module touches them.</summary>
internal sealed class UgcStore(TimeProvider clock)
{
    public static readonly Sql InsertAsset = Sql.Both("""
        INSERT INTO ugc_assets (id, workspace_id, source_url, platform, author_handle, creator_id, deliverable_id, media_type, captured_at, sha256, media_id,
            created_at)
        VALUES (@Id, @WorkspaceId, @SourceUrl, @Platform, @AuthorHandle, @CreatorId, @DeliverableId, @MediaType, @CapturedAt, @Sha256, @MediaId, @Now)
        """);

    public static readonly Sql LoadAsset = Sql.Both("""
        SELECT id AS Id, source_url AS SourceUrl, platform AS Platform, author_handle AS AuthorHandle, creator_id AS CreatorId, deliverable_id AS DeliverableId,
            media_type AS MediaType, captured_at AS CapturedAt, sha256 AS Sha256, media_id AS MediaId, created_at AS CreatedAt
        FROM ugc_assets WHERE workspace_id = @WorkspaceId AND id = @Id
        """);

    public static readonly Sql InsertPerson = Sql.Both("""
        INSERT INTO ugc_people (id, workspace_id, asset_id, description, is_minor, parental_authority_holders, release_evidence, release_obtained_at,
          guardian_consents,
            release_scope, birth_date, created_at)
        VALUES (@Id, @WorkspaceId, @AssetId, @Description, @IsMinor, @ParentalAuthorityHolders, @ReleaseEvidence, @ReleaseObtainedAt, @GuardianConsents,
            @ReleaseScope, @BirthDate, @Now)
        """);

    public static readonly Sql UpdatePersonConsents = Sql.Both("""
        UPDATE ugc_people SET release_evidence = @ReleaseEvidence, release_obtained_at = @ReleaseObtainedAt, guardian_consents = @GuardianConsents,
            release_scope = @ReleaseScope, release_withdrawn_on = @ReleaseWithdrawnOn
        WHERE id = @Id AND asset_id = @AssetId AND workspace_id = @WorkspaceId
        """);

    public static readonly Sql LoadPeople = Sql.Both("""
        SELECT id AS Id, description AS Description, is_minor AS IsMinor, parental_authority_holders AS ParentalAuthorityHolders,
            release_evidence AS ReleaseEvidence, release_obtained_at AS ReleaseObtainedAt, guardian_consents AS GuardianConsents,
            release_scope AS ReleaseScope, release_withdrawn_on AS ReleaseWithdrawnOn, birth_date AS BirthDate
        FROM ugc_people WHERE workspace_id = @WorkspaceId AND asset_id = @Id ORDER BY created_at, id
        """);

    public static readonly Sql InsertGrant = Sql.Both("""
        INSERT INTO ugc_grants (id, workspace_id, asset_id, request_id, terms, starts_on, ends_on, evidence, status, supersedes_id, superseded_by_id,
            revoked_from, revocation_reason, version, created_at)
        VALUES (@Id, @WorkspaceId, @AssetId, @RequestId, @Terms, @StartsOn, @EndsOn, @Evidence, 'active', @SupersedesId, NULL, NULL, NULL, 1, @Now)
        """);

    public static readonly Sql MarkSuperseded = Sql.Both("""
        UPDATE ugc_grants SET status = 'superseded', superseded_by_id = @SupersededById, superseded_from = @SupersededFrom, version = version + 1
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    public static readonly Sql Revoke = Sql.Both("""
        UPDATE ugc_grants SET revoked_from = @RevokedFrom, revocation_reason = @Reason, version = version + 1
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    public const string GrantColumns = """
        g.id AS Id, g.asset_id AS AssetId, g.request_id AS RequestId, g.terms AS Terms, g.evidence AS Evidence, g.status AS Status,
        g.supersedes_id AS SupersedesId, g.superseded_by_id AS SupersededById, g.revoked_from AS RevokedFrom, g.revocation_reason AS RevocationReason,
        g.starts_on AS StartsOn, g.ends_on AS EndsOn, g.version AS Version, g.created_at AS CreatedAt, g.superseded_from AS SupersededFrom,
        g.superseded_reason AS SupersededReason
        """;

    public static readonly Sql LoadGrant = Sql.Both($"SELECT {GrantColumns} FROM ugc_grants g WHERE g.workspace_id = @WorkspaceId AND g.id = @Id");

    public static readonly Sql LoadAssetGrants = Sql.Both(
        $"SELECT {GrantColumns} FROM ugc_grants g WHERE g.workspace_id = @WorkspaceId AND g.asset_id = @Id ORDER BY g.created_at, g.id");

    public static readonly Sql InsertRequest = Sql.Both("""
        INSERT INTO ugc_rights_requests (id, workspace_id, asset_id, method, approval_hashtag, proposed_terms, language, status, expires_at, token_hash,
            grant_id, responded_at, version, created_at)
        VALUES (@Id, @WorkspaceId, @AssetId, @Method, @ApprovalHashtag, @ProposedTerms, @Language, 'requested', @ExpiresAt, @TokenHash, NULL, NULL, 1, @Now)
        """);

    public static readonly Sql SetRequestOutcome = Sql.Both("""
        UPDATE ugc_rights_requests SET status = @Status, grant_id = @GrantId, responded_at = @Now, version = version + 1
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    internal const string RequestColumns = """
        id AS Id, workspace_id AS WorkspaceId, asset_id AS AssetId, method AS Method, approval_hashtag AS ApprovalHashtag, proposed_terms AS ProposedTerms,
        language AS Language, status AS Status, expires_at AS ExpiresAt, grant_id AS GrantId, responded_at AS RespondedAt, version AS Version, created_at AS
          CreatedAt
        """;

    public static readonly Sql LoadRequest = Sql.Both($"SELECT {RequestColumns} FROM ugc_rights_requests WHERE workspace_id = @WorkspaceId AND id = @Id");

    /// <summary>Public consent links: the token's hash finds the request (any workspace: the token is the only credential).</summary>
    public static readonly Sql LoadRequestByToken = Sql.Both($"SELECT {RequestColumns} FROM ugc_rights_requests WHERE token_hash = @TokenHash");

    public static readonly Sql InsertReply = Sql.Both("""
        INSERT INTO ugc_request_replies (id, workspace_id, request_id, received_at, author_handle, text, outcome, created_at)
        VALUES (@Id, @WorkspaceId, @RequestId, @ReceivedAt, @AuthorHandle, @Text, @Outcome, @Now)
        """);

    internal sealed class RequestRow
    {
        public string Id { get; init; } = "";
        public string WorkspaceId { get; init; } = "";
        public string AssetId { get; init; } = "";
        public string Method { get; init; } = "";
        public string? ApprovalHashtag { get; init; }
        public string ProposedTerms { get; init; } = "{}";
        public string Language { get; init; } = "en";
        public string Status { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }
        public string? GrantId { get; init; }
        public DateTimeOffset? RespondedAt { get; init; }
        public long Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public GrantTerms Terms => JsonSerializer.Deserialize<GrantTerms>(ProposedTerms, JsonSerializerOptions.Web)!;

        /// <summary>A request nobody answered in its window is expired, whether or not anyone looked since.</summary>
        public string EffectiveStatus(DateTimeOffset now) => Status == "requested" && now > ExpiresAt ? "expired" : Status;

        public RightsRequestView ToView(DateTimeOffset now) =>
            new(Id, AssetId, Method, ApprovalHashtag, Terms, Language.Trim(), EffectiveStatus(now), ExpiresAt,
            GrantId, RespondedAt, Version, CreatedAt);
    }

    public async Task<RequestRow> LoadRequestAsync(DbConnection c, string workspaceId, string id, DbTransaction? tx = null, CancellationToken ct = default) =>
        await c.QuerySingleOrDefaultAsync<RequestRow>(LoadRequest, new { WorkspaceId = workspaceId, Id = id }, tx, ct)
            ?? throw new NotFoundException("rights request", id);

    internal sealed class AssetRow
    {
        public string Id { get; init; } = "";
        public string SourceUrl { get; init; } = "";
        public string Platform { get; init; } = "";
        public string AuthorHandle { get; init; } = "";
        public string? CreatorId { get; init; }
        public string? DeliverableId { get; init; }
        public string MediaType { get; init; } = "";
        public DateTimeOffset? CapturedAt { get; init; }
        public string? Sha256 { get; init; }
        public string? MediaId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    internal sealed class PersonRow
    {
        public string Id { get; init; } = "";
        public string Description { get; init; } = "";
        public bool IsMinor { get; init; }
        public long ParentalAuthorityHolders { get; init; }
        public string? ReleaseEvidence { get; init; }
        public DateTimeOffset? ReleaseObtainedAt { get; init; }
        public string GuardianConsents { get; init; } = "[]";
        public string? ReleaseScope { get; init; }
        public DateOnly? ReleaseWithdrawnOn { get; init; }
        public DateOnly? BirthDate { get; init; }

        public PersonView ToView(DateOnly today) => new(Id, Description, BirthDate is { } born ? RightsCheck.MinorAt(born, today) : IsMinor,
            (int)ParentalAuthorityHolders, ReleaseEvidence, ReleaseObtainedAt,
            JsonSerializer.Deserialize<List<GuardianConsent>>(GuardianConsents, JsonSerializerOptions.Web)!,
            ReleaseScope is null ? null : JsonSerializer.Deserialize<ReleaseScope>(ReleaseScope, JsonSerializerOptions.Web), ReleaseWithdrawnOn, BirthDate);
    }

    internal sealed class GrantRow
    {
        public string Id { get; init; } = "";
        public string AssetId { get; init; } = "";
        public string? RequestId { get; init; }
        public string Terms { get; init; } = "{}";
        public string Evidence { get; init; } = "{}";
        public string Status { get; init; } = "";
        public string? SupersedesId { get; init; }
        public string? SupersededById { get; init; }
        public DateOnly? RevokedFrom { get; init; }
        public string? RevocationReason { get; init; }
        public DateOnly StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
        public long Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateOnly? SupersededFrom { get; init; }
        public string? SupersededReason { get; init; }

        public GrantView ToView() =>
            new(Id, AssetId, RequestId, JsonSerializer.Deserialize<GrantTerms>(Terms, JsonSerializerOptions.Web)!,
            JsonSerializer.Deserialize<Evidence>(Evidence, JsonSerializerOptions.Web)!,
            Status, SupersedesId, SupersededById, RevokedFrom, RevocationReason, Version, CreatedAt, SupersededFrom, SupersededReason);

        /// <summary>A superseded grant still covers the days before its successor takes over.</summary>
        public RightsCheck.Grant ToCheck() => new(Id, JsonSerializer.Deserialize<GrantTerms>(Terms, JsonSerializerOptions.Web)!, StartsOn, EndsOn, RevokedFrom,
            SupersededFrom, SupersededReason);
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<AssetView> LoadAssetAsync(DbConnection c, string workspaceId, string id, DbTransaction? tx = null, CancellationToken ct = default)
    {
        var row = await c.QuerySingleOrDefaultAsync<AssetRow>(LoadAsset, new { WorkspaceId = workspaceId, Id = id }, tx, ct)
            ?? throw new NotFoundException("asset", id);
        var people = await c.QueryAsync<PersonRow>(LoadPeople, new { WorkspaceId = workspaceId, Id = id }, tx, ct);
        return new AssetView(row.Id, row.SourceUrl, row.Platform, row.AuthorHandle, row.CreatorId, row.DeliverableId, row.MediaType, row.CapturedAt,
            row.Sha256?.Trim(),
            people.Select(p => p.ToView(Today)).ToList(), row.CreatedAt, row.MediaId);
    }

    public async Task<IReadOnlyList<GrantRow>> LoadGrantsAsync(DbConnection c, string workspaceId, string assetId, DbTransaction? tx = null,
        CancellationToken ct = default) =>
        (await c.QueryAsync<GrantRow>(LoadAssetGrants, new { WorkspaceId = workspaceId, Id = assetId }, tx, ct)).ToList();

    public async Task<GrantRow> LoadGrantAsync(DbConnection c, string workspaceId, string id, DbTransaction? tx = null, CancellationToken ct = default) =>
        await c.QuerySingleOrDefaultAsync<GrantRow>(LoadGrant, new { WorkspaceId = workspaceId, Id = id }, tx, ct) ?? throw new NotFoundException("grant", id);

    public async Task<string> InsertGrantAsync(DbConnection c, DbTransaction tx, string workspaceId, string assetId, string? requestId, GrantTerms terms,
        Evidence evidence, string? supersedesId, CancellationToken ct)
    {
        var id = Ids.New("gr");
        await c.ExecuteAsync(InsertGrant, new
        {
            Id = id,
            WorkspaceId = workspaceId,
            AssetId = assetId,
            RequestId = requestId,
            Terms = JsonSerializer.Serialize(terms, JsonSerializerOptions.Web),
            terms.StartsOn,
            terms.EndsOn,
            Evidence = JsonSerializer.Serialize(evidence, JsonSerializerOptions.Web),
            SupersedesId = supersedesId,
            Now,
        }, tx, ct);
        return id;
    }

    /// <summary>What the rights check needs of one asset: its live grants (superseded ones are history) and its people.</summary>
    public sealed record CheckContext(IReadOnlyList<RightsCheck.Grant> Grants, IReadOnlyList<RightsCheck.Person> People, string AssetAuthor)
    {
        public RightsCheck.Answer Evaluate(RightsCheck.Question question) => RightsCheck.Evaluate(question, Grants, People, AssetAuthor);

        /// <summary>The days on which a verdict can change: grant starts, the day after ends, revocations, a person's coming of age.</summary>
        public IEnumerable<DateOnly> Boundaries() =>
            Grants.SelectMany(g => new DateOnly?[] { g.StartsOn, g.EndsOn?.AddDays(1), g.RevokedFrom, g.SupersededFrom })
                .Concat(People.SelectMany(p => new DateOnly?[] { p.Scope?.StartsOn, p.Scope?.EndsOn?.AddDays(1), p.WithdrawnOn, p.ComesOfAge }))
                .OfType<DateOnly>().Distinct().Order();
    }

    public async Task<CheckContext> LoadCheckContextAsync(DbConnection c, string workspaceId, string assetId, DbTransaction? tx, CancellationToken ct)
    {
        var asset = await LoadAssetAsync(c, workspaceId, assetId, tx, ct);
        // Superseded grants with an effective date still cover the days before it; without one they are history.
        var grants = (await LoadGrantsAsync(c, workspaceId, assetId, tx, ct)).Where(g => g.Status != "superseded" || g.SupersededFrom is not null)
            .Select(g => g.ToCheck()).ToList();
        var people = asset.People.Select(p => new RightsCheck.Person(p.Id, p.Description, p.IsMinor, p.ParentalAuthorityHolders, p.ReleaseEvidence is not null,
            p.GuardianConsents.Count, p.ReleaseScope, p.ReleaseWithdrawnOn, p.BirthDate)).ToList();
        return new CheckContext(grants, people, asset.AuthorHandle);
    }
}
