using System.Data.Common;
using System.Text.Json;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Media.PublicQueries;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Campaigns;

public sealed record CampaignView(
    string Id, string Name, string Brand, IReadOnlyList<Objective> Objectives, IReadOnlyList<string> Platforms, IReadOnlyList<string> Markets,
    Money? Budget, DateOnly? StartsOn, DateOnly? EndsOn, Brief Brief, int? AttributionWindowDays, string Status, long Version, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public CampaignFields ToFields() => new()
    {
        Name = Name,
        Brand = Brand,
        Objectives = Objectives,
        Platforms = Platforms,
        Markets = Markets,
        Budget = Budget,
        StartsOn = StartsOn,
        EndsOn = EndsOn,
        Brief = Brief,
        AttributionWindowDays = AttributionWindowDays,
    };
}

public sealed record RosterMemberView(
    string Id, string CampaignId, string CreatorId, string? CreatorName, CreatorAccount? MainAccount, string Status, Money? AgreedFee, string? Notes,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CreatorAccount(string Platform, string Handle, long? Followers);

/// <param name="Media">As submitted: external http(s) URLs and ids of files stored here (med_…).</param>
/// <param name="Files">The stored files among <paramref name="Media"/>, as they were when the draft was submitted.</param>
public sealed record DraftView(string? Caption, IReadOnlyList<string> Media, IReadOnlyList<MediaFile>? Files = null)
{
    /// <summary>
    /// Whether a media reference is an absolute http(s) URL: the only external kind a draft takes, and the only kind the console
    /// shows as a link.
    /// </summary>
    public static bool IsWebLink(string? reference) => Uri.TryCreate(reference, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
}

public sealed record PublicationView(string? PostUrl, DateTimeOffset? PublishedAt, string? FinalCaption, string? OnScreenText, string? SpokenText,
    bool? PaidPartnershipLabel);

public sealed record DeliverableView(
    string Id, string CampaignId, string RosterMemberId, string CreatorId, string Platform, string Format, int? StoryFrames, string Market,
    DateOnly DueOn, string? Title, string Status, DraftView? Draft, PublicationView? Publication, long Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The workflow's steps its status allows (submit, approve…): the console offers those and an integration may too
    /// (allowedSteps on the wire); whether its plan (title, due date, format) may still change (planEditable).
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyName("allowedSteps")] public IReadOnlyList<string> Moves => DeliverableWorkflow.MovesFrom(Status);

    [System.Text.Json.Serialization.JsonPropertyName("planEditable")] public bool Editable => DeliverableWorkflow.Editable.Contains(Status);
}

public sealed record ReviewView(DateTimeOffset OccurredAt, string Actor, string ActorRole, string Step, string FromStatus, string ToStatus, string? Comment,
    string? Caption);

/// <summary>Reads and writes the campaign_* tables. Only this module touches them.</summary>
internal sealed class CampaignStore(TimeProvider clock)
{
    public static readonly Sql InsertCampaign = Sql.Both("""
        INSERT INTO campaign_campaigns (id, workspace_id, name, name_key, brand, brand_key, objectives, platforms, markets, budget_amount, budget_currency,
            starts_on, ends_on, brief, attribution_window_days, status, version, created_at, updated_at)
        VALUES (@Id, @WorkspaceId, @Name, @NameKey, @Brand, @BrandKey, @Objectives, @Platforms, @Markets, @BudgetAmount, @BudgetCurrency,
            @StartsOn, @EndsOn, @Brief, @AttributionWindowDays, 'draft', 1, @Now, @Now)
        """);

    public static readonly Sql UpdateCampaign = Sql.Both("""
        UPDATE campaign_campaigns
        SET name = @Name, name_key = @NameKey, brand = @Brand, brand_key = @BrandKey, objectives = @Objectives, platforms = @Platforms,
            markets = @Markets, budget_amount = @BudgetAmount, budget_currency = @BudgetCurrency, starts_on = @StartsOn, ends_on = @EndsOn,
            brief = @Brief, attribution_window_days = @AttributionWindowDays, version = version + 1, updated_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    public static readonly Sql SetCampaignStatus = Sql.Both("""
        UPDATE campaign_campaigns SET status = @Status, version = version + 1, updated_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    private const string CampaignColumns = """
        id AS Id, name AS Name, brand AS Brand, objectives AS Objectives, platforms AS Platforms, markets AS Markets,
        budget_amount AS BudgetAmount, budget_currency AS BudgetCurrency, starts_on AS StartsOn, ends_on AS EndsOn, brief AS Brief,
        attribution_window_days AS AttributionWindowDays, status AS Status, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public static readonly Sql LoadCampaigns = KeysetSearch.ByIds($"SELECT {CampaignColumns} FROM campaign_campaigns WHERE workspace_id = @WorkspaceId", "id");

    public static readonly Sql InsertMember = Sql.Both("""
        INSERT INTO campaign_roster (id, workspace_id, campaign_id, creator_id, status, fee_amount, fee_currency, notes, version, created_at, updated_at)
        VALUES (@Id, @WorkspaceId, @CampaignId, @CreatorId, 'invited', @FeeAmount, @FeeCurrency, @Notes, 1, @Now, @Now)
        """);

    public static readonly Sql UpdateMember = Sql.Both("""
        UPDATE campaign_roster SET status = @Status, fee_amount = @FeeAmount, fee_currency = @FeeCurrency, notes = @Notes,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND campaign_id = @CampaignId AND workspace_id = @WorkspaceId AND version = @Version
        """);

    internal const string MemberColumns = """
        id AS Id, campaign_id AS CampaignId, creator_id AS CreatorId, status AS Status, fee_amount AS FeeAmount, fee_currency AS FeeCurrency,
        notes AS Notes, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public static readonly Sql LoadRoster = Sql.Both(
        $"SELECT {MemberColumns} FROM campaign_roster WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId ORDER BY created_at, id");

    public static readonly Sql LoadMember = Sql.Both(
        $"SELECT {MemberColumns} FROM campaign_roster WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId AND id = @Id");

    /// <summary>Checked, then inserted: on SQL Server the key range stays locked until the insert.</summary>
    public static readonly Sql FindMemberByCreator = Sql.Per(
        sqlite: "SELECT id FROM campaign_roster WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId AND creator_id = @CreatorId",
        sqlServer: "SELECT id FROM campaign_roster WITH (UPDLOCK, HOLDLOCK) WHERE workspace_id = @WorkspaceId AND campaign_id = @CampaignId AND creator_id = " +
            "@CreatorId");

    public static readonly Sql InsertDeliverable = Sql.Both("""
        INSERT INTO campaign_deliverables (id, workspace_id, campaign_id, roster_id, creator_id, platform, format, story_frames, market, due_on, title,
            status, version, created_at, updated_at)
        VALUES (@Id, @WorkspaceId, @CampaignId, @RosterId, @CreatorId, @Platform, @Format, @StoryFrames, @Market, @DueOn, @Title,
            'planned', 1, @Now, @Now)
        """);

    public static readonly Sql UpdateDeliverableState = Sql.Both("""
        UPDATE campaign_deliverables
        SET status = @Status, draft_caption = @DraftCaption, draft_media = @DraftMedia, draft_files = @DraftFiles, post_url = @PostUrl,
            published_at = @PublishedAt,
            final_caption = @FinalCaption, on_screen_text = @OnScreenText, spoken_text = @SpokenText, paid_partnership_label = @PaidPartnershipLabel,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    public static readonly Sql UpdateDeliverablePlan = Sql.Both("""
        UPDATE campaign_deliverables SET title = @Title, due_on = @DueOn, format = @Format, story_frames = @StoryFrames, version = version + 1, updated_at =
          @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    public static readonly Sql InsertReview = Sql.Both("""
        INSERT INTO campaign_deliverable_reviews (id, workspace_id, deliverable_id, occurred_at, actor, actor_role, step, from_status, to_status, comment,
          caption)
        VALUES (@Id, @WorkspaceId, @DeliverableId, @Now, @Actor, @ActorRole, @Step, @FromStatus, @ToStatus, @Comment, @Caption)
        """);

    public static readonly Sql LoadReviews = Sql.Both("""
        SELECT occurred_at AS OccurredAt, actor AS Actor, actor_role AS ActorRole, step AS Step, from_status AS FromStatus, to_status AS ToStatus,
            comment AS Comment, caption AS Caption
        FROM campaign_deliverable_reviews WHERE workspace_id = @WorkspaceId AND deliverable_id = @Id ORDER BY occurred_at, id
        """);

    public const string DeliverableColumns = """
        d.id AS Id, d.campaign_id AS CampaignId, d.roster_id AS RosterMemberId, d.creator_id AS CreatorId, d.platform AS Platform, d.format AS Format,
        d.story_frames AS StoryFrames, d.market AS Market, d.due_on AS DueOn, d.title AS Title, d.status AS Status, d.draft_caption AS DraftCaption,
        d.draft_media AS DraftMedia, d.draft_files AS DraftFiles, d.post_url AS PostUrl, d.published_at AS PublishedAt, d.final_caption AS FinalCaption,
        d.on_screen_text AS OnScreenText, d.spoken_text AS SpokenText, d.paid_partnership_label AS PaidPartnershipLabel,
        d.version AS Version, d.created_at AS CreatedAt, d.updated_at AS UpdatedAt
        """;

    public static readonly Sql LoadDeliverable = Sql.Both(
        $"SELECT {DeliverableColumns} FROM campaign_deliverables d WHERE d.workspace_id = @WorkspaceId AND d.campaign_id = @CampaignId AND d.id = @Id");

    /// <summary>Deliverables by campaign, dates, creator, platform, status and market, in due-date order (keyset paged).</summary>
    public static readonly Sql QueryDeliverables = Sql.Per(
        sqlite: $"""
            SELECT {DeliverableColumns}, c.name AS CampaignName
            FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
            WHERE d.workspace_id = @WorkspaceId {DeliverableFilters}
            ORDER BY d.due_on, d.id LIMIT @Take
            """,
        sqlServer: $"""
            SELECT TOP (@Take) {DeliverableColumns}, c.name AS CampaignName
            FROM campaign_deliverables d JOIN campaign_campaigns c ON c.id = d.campaign_id
            WHERE d.workspace_id = @WorkspaceId {DeliverableFilters}
            ORDER BY d.due_on, d.id
            OPTION (RECOMPILE)
            """);

    private const string DeliverableFilters = """
          AND (@CampaignId IS NULL OR d.campaign_id = @CampaignId)
          AND (@From IS NULL OR (d.due_on >= @From AND d.due_on <= @To) OR (d.published_at >= @FromTime AND d.published_at < @ToTime))
          AND (@CreatorId IS NULL OR d.creator_id = @CreatorId)
          AND (@Platform IS NULL OR d.platform = @Platform)
          AND (@Status IS NULL OR d.status = @Status)
          AND (@Market IS NULL OR d.market = @Market)
          AND (@AfterId IS NULL OR d.due_on > @After OR (d.due_on = @After AND d.id > @AfterId))
        """;

    internal sealed class CampaignRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Brand { get; init; } = "";
        public string Objectives { get; init; } = "[]";
        public string Platforms { get; init; } = ",";
        public string Markets { get; init; } = ",";
        public long? BudgetAmount { get; init; }
        public string? BudgetCurrency { get; init; }
        public DateOnly? StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
        public string Brief { get; init; } = "{}";
        public long? AttributionWindowDays { get; init; }
        public string Status { get; init; } = "";
        public long Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public CampaignView ToView() => new(
            Id, Name, Brand, JsonSerializer.Deserialize<List<Objective>>(Objectives, JsonSerializerOptions.Web)!, CampaignRules.Undelimited(Platforms),
            CampaignRules.Undelimited(Markets), BudgetAmount is null ? null : new Money(BudgetAmount, BudgetCurrency?.Trim()),
            StartsOn, EndsOn, JsonSerializer.Deserialize<Brief>(Brief, JsonSerializerOptions.Web)!, (int?)AttributionWindowDays, Status, Version, CreatedAt,
                UpdatedAt);
    }

    internal sealed class MemberRow
    {
        public string Id { get; init; } = "";
        public string CampaignId { get; init; } = "";
        public string CreatorId { get; init; } = "";
        public string Status { get; init; } = "";
        public long? FeeAmount { get; init; }
        public string? FeeCurrency { get; init; }
        public string? Notes { get; init; }
        public long Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public Money? Fee => FeeAmount is null ? null : new Money(FeeAmount, FeeCurrency?.Trim());
    }

    internal sealed class DeliverableRow
    {
        public string? CampaignName { get; init; }
        public string Id { get; init; } = "";
        public string CampaignId { get; init; } = "";
        public string RosterMemberId { get; init; } = "";
        public string CreatorId { get; init; } = "";
        public string Platform { get; init; } = "";
        public string Format { get; init; } = "";
        public long? StoryFrames { get; init; }
        public string Market { get; init; } = "";
        public DateOnly DueOn { get; init; }
        public string? Title { get; init; }
        public string Status { get; init; } = "";
        public string? DraftCaption { get; init; }
        public string? DraftMedia { get; init; }
        public string? DraftFiles { get; init; }
        public string? PostUrl { get; init; }
        public DateTimeOffset? PublishedAt { get; init; }
        public string? FinalCaption { get; init; }
        public string? OnScreenText { get; init; }
        public string? SpokenText { get; init; }
        public bool? PaidPartnershipLabel { get; init; }
        public long Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public DeliverableView ToView() => new(
            Id, CampaignId, RosterMemberId, CreatorId, Platform, Format, (int?)StoryFrames, Market.Trim(), DueOn, Title, Status,
            DraftCaption is null && DraftMedia is null ? null : new DraftView(DraftCaption,
                JsonSerializer.Deserialize<List<string>>(DraftMedia ?? "[]", JsonSerializerOptions.Web)!,
                JsonSerializer.Deserialize<List<MediaFile>>(DraftFiles ?? "[]", JsonSerializerOptions.Web)!),
            PostUrl is null ? null : new PublicationView(PostUrl, PublishedAt, FinalCaption, OnScreenText, SpokenText, PaidPartnershipLabel),
            Version, CreatedAt, UpdatedAt);
    }

    internal sealed class ReviewRow
    {
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public string ActorRole { get; init; } = "";
        public string Step { get; init; } = "";
        public string FromStatus { get; init; } = "";
        public string ToStatus { get; init; } = "";
        public string? Comment { get; init; }
        public string? Caption { get; init; }
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<CampaignView>> LoadCampaignsAsync(DbConnection c, string workspaceId, IReadOnlyList<string> ids,
        DbTransaction? tx = null, CancellationToken ct = default)
    {
        var rows = (await c.QueryAsync<CampaignRow>(LoadCampaigns, new { WorkspaceId = workspaceId, Ids = JsonSerializer.Serialize(ids) }, tx, ct))
            .ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id].ToView()).ToList();
    }

    public async Task<CampaignView> LoadCampaignAsync(DbConnection c, string workspaceId, string id, DbTransaction? tx = null,
        CancellationToken ct = default) =>
        (await LoadCampaignsAsync(c, workspaceId, [id], tx, ct)).SingleOrDefault() ?? throw new NotFoundException("campaign", id);

    public object CampaignParameters(string id, string workspaceId, CampaignFields f, long version) => new
    {
        Id = id,
        WorkspaceId = workspaceId,
        Name = f.Name!.Trim(),
        NameKey = Text.SearchKey(f.Name),
        Brand = f.Brand!.Trim(),
        BrandKey = Text.SearchKey(f.Brand),
        Objectives = JsonSerializer.Serialize((f.Objectives ?? []).Select(o => o with { Kpi = CampaignRules.Objectives[o.Type!] }), JsonSerializerOptions.Web),
        Platforms = CampaignRules.Delimited(f.Platforms),
        Markets = CampaignRules.Delimited(f.Markets),
        BudgetAmount = f.Budget?.Amount,
        BudgetCurrency = f.Budget?.Currency,
        f.StartsOn,
        f.EndsOn,
        Brief = JsonSerializer.Serialize(f.Brief ?? new Brief(null, [], [], [], null), JsonSerializerOptions.Web),
        f.AttributionWindowDays,
        Version = version,
        Now,
    };

    public async Task<MemberRow> LoadMemberAsync(DbConnection c, string workspaceId, string campaignId, string id, DbTransaction? tx, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<MemberRow>(LoadMember, new { WorkspaceId = workspaceId, CampaignId = campaignId, Id = id }, tx, ct)
        ?? throw new NotFoundException("roster member", id);

    public async Task<DeliverableView> LoadDeliverableAsync(DbConnection c, string workspaceId, string campaignId, string id, DbTransaction? tx = null,
        CancellationToken ct = default) =>
        (await c.QuerySingleOrDefaultAsync<DeliverableRow>(LoadDeliverable, new { WorkspaceId = workspaceId, CampaignId = campaignId, Id = id }, tx,
            ct))?.ToView()
        ?? throw new NotFoundException("deliverable", id);

    public async Task<IReadOnlyList<ReviewView>> LoadReviewsAsync(DbConnection c, string workspaceId, string deliverableId, DbTransaction? tx = null,
        CancellationToken ct = default) =>
        (await c.QueryAsync<ReviewRow>(LoadReviews, new { WorkspaceId = workspaceId, Id = deliverableId }, tx, ct))
            .Select(r => new ReviewView(r.OccurredAt, r.Actor, r.ActorRole, r.Step, r.FromStatus, r.ToStatus, r.Comment, r.Caption)).ToList();
}

/// <summary>A roster row as answered: with the creator's name and main account from the Creators module.</summary>
internal static class Roster
{
    public static RosterMemberView View(CampaignStore.MemberRow row, CreatorSummary? creator) => new(
        row.Id, row.CampaignId, row.CreatorId, creator?.DisplayName,
        creator?.MainAccount is { } main ? new CreatorAccount(main.Platform, main.Handle, main.Followers) : null,
        row.Status, row.Fee, row.Notes, row.Version, row.CreatedAt, row.UpdatedAt);
}
