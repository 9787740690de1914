using System.Data.Common;
using System.Text.Json;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Creators;

/// <summary>Reads and writes the creator aggregate (creator row, accounts, tags, representatives). Only this module touches creator_* tables.</summary>
internal sealed class CreatorStore(TimeProvider clock)
{
    public static readonly Sql InsertCreator = Sql.Both("""
        INSERT INTO creator_creators (id, workspace_id, display_name, display_name_key, email, email_key, country, languages, stage,
            do_not_contact, is_minor, birth_date, lawful_basis, notes, erased_at, version, created_at, updated_at)
        VALUES (@Id, @WorkspaceId, @DisplayName, @DisplayNameKey, @Email, @EmailKey, @Country, @Languages, @Stage,
            @DoNotContact, @IsMinor, @BirthDate, @LawfulBasis, @Notes, NULL, 1, @Now, @Now)
        """);

    public static readonly Sql UpdateCreator = Sql.Both("""
        UPDATE creator_creators
        SET display_name = @DisplayName, display_name_key = @DisplayNameKey, email = @Email, email_key = @EmailKey, country = @Country,
            languages = @Languages, do_not_contact = @DoNotContact, is_minor = @IsMinor, birth_date = @BirthDate,
            lawful_basis = @LawfulBasis, notes = @Notes, version = version + 1, updated_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    public static readonly Sql BumpVersion = Sql.Both("""
        UPDATE creator_creators SET version = version + 1, updated_at = @Now
        WHERE id = @Id AND workspace_id = @WorkspaceId AND version = @Version
        """);

    public static readonly Sql InsertAccount = Sql.Both("""
        INSERT INTO creator_social_accounts (id, workspace_id, creator_id, platform, handle, handle_key, url, followers, engagement_rate, metrics_as_of,
          created_at)
        VALUES (@Id, @WorkspaceId, @CreatorId, @Platform, @Handle, @HandleKey, @Url, @Followers, @EngagementRate, @MetricsAsOf, @Now)
        """);

    public static readonly Sql UpdateAccount = Sql.Both("""
        UPDATE creator_social_accounts
        SET handle = @Handle, handle_key = @HandleKey, url = @Url, followers = @Followers, engagement_rate = @EngagementRate, metrics_as_of = @MetricsAsOf
        WHERE id = @Id AND creator_id = @CreatorId AND workspace_id = @WorkspaceId
        """);

    public static readonly Sql DeleteAccount = Sql.Both(
        "DELETE FROM creator_social_accounts WHERE id = @Id AND creator_id = @CreatorId AND workspace_id = @WorkspaceId");

    /// <summary>Checked, then inserted or updated: on SQL Server the handle's key range stays locked until the write.</summary>
    public static readonly Sql FindHandleOwner = Sql.Per(
        sqlite: """
            SELECT c.id AS CreatorId, c.display_name AS DisplayName, a.id AS AccountId
            FROM creator_social_accounts a JOIN creator_creators c ON c.id = a.creator_id
            WHERE a.workspace_id = @WorkspaceId AND a.platform = @Platform AND a.handle_key = @HandleKey
            """,
        sqlServer: """
            SELECT c.id AS CreatorId, c.display_name AS DisplayName, a.id AS AccountId
            FROM creator_social_accounts a WITH (UPDLOCK, HOLDLOCK) JOIN creator_creators c ON c.id = a.creator_id
            WHERE a.workspace_id = @WorkspaceId AND a.platform = @Platform AND a.handle_key = @HandleKey
            """);

    public static readonly Sql DeleteTags = Sql.Both("DELETE FROM creator_tags WHERE creator_id = @CreatorId AND workspace_id = @WorkspaceId");

    public static readonly Sql InsertTag = Sql.Both("INSERT INTO creator_tags (workspace_id, creator_id, tag) VALUES (@WorkspaceId, @CreatorId, @Tag)");

    public static readonly Sql DeleteRepresentatives = Sql.Both(
        "DELETE FROM creator_legal_representatives WHERE creator_id = @CreatorId AND workspace_id = @WorkspaceId");

    public static readonly Sql InsertRepresentative = Sql.Both("""
        INSERT INTO creator_legal_representatives (id, workspace_id, creator_id, position, full_name, relationship, email, phone, holds_parental_authority)
        VALUES (@Id, @WorkspaceId, @CreatorId, @Position, @FullName, @Relationship, @Email, @Phone, @HoldsParentalAuthority)
        """);

    // Rows for a set of creators, the ids passed as one JSON array parameter.
    public static readonly Sql LoadCreators = KeysetSearch.ByIds("""
        SELECT id AS Id, display_name AS DisplayName, email AS Email, country AS Country, languages AS Languages, stage AS Stage,
            do_not_contact AS DoNotContact, is_minor AS IsMinor, birth_date AS BirthDate, lawful_basis AS LawfulBasis, notes AS Notes,
            erased_at AS ErasedAt, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM creator_creators WHERE workspace_id = @WorkspaceId
        """, "id");

    public static readonly Sql LoadAccounts = KeysetSearch.ByIds("""
        SELECT id AS Id, creator_id AS CreatorId, platform AS Platform, handle AS Handle, url AS Url, followers AS Followers,
            engagement_rate AS EngagementRate, metrics_as_of AS MetricsAsOf
        FROM creator_social_accounts WHERE workspace_id = @WorkspaceId
        """, "creator_id", "ORDER BY created_at, id");

    public static readonly Sql LoadTags = KeysetSearch.ByIds(
        "SELECT creator_id AS CreatorId, tag AS Tag FROM creator_tags WHERE workspace_id = @WorkspaceId", "creator_id", "ORDER BY tag");

    public static readonly Sql LoadRepresentatives = KeysetSearch.ByIds("""
        SELECT creator_id AS CreatorId, full_name AS FullName, relationship AS Relationship, email AS Email, phone AS Phone,
            holds_parental_authority AS HoldsParentalAuthority
        FROM creator_legal_representatives WHERE workspace_id = @WorkspaceId
        """, "creator_id", "ORDER BY position");

    private sealed class CreatorRow
    {
        public string Id { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? Email { get; init; }
        public string? Country { get; init; }
        public string Languages { get; init; } = "";
        public string Stage { get; init; } = "";
        public bool DoNotContact { get; init; }
        public bool IsMinor { get; init; }
        public DateOnly? BirthDate { get; init; }
        public string LawfulBasis { get; init; } = "";
        public string? Notes { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
        public long Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }

    private sealed class AccountRow
    {
        public string Id { get; init; } = "";
        public string CreatorId { get; init; } = "";
        public string Platform { get; init; } = "";
        public string Handle { get; init; } = "";
        public string? Url { get; init; }
        public long? Followers { get; init; }
        public double? EngagementRate { get; init; }
        public DateTimeOffset? MetricsAsOf { get; init; }
    }

    private sealed record TagRow(string CreatorId, string Tag);

    private sealed class RepresentativeRow
    {
        public string CreatorId { get; init; } = "";
        public string FullName { get; init; } = "";
        public string Relationship { get; init; } = "";
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public bool HoldsParentalAuthority { get; init; }
    }

    public sealed class HandleOwner
    {
        public string CreatorId { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string AccountId { get; init; } = "";
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<CreatorView?> LoadAsync(DbConnection c, string workspaceId, string id, DbTransaction? tx = null, CancellationToken ct = default) =>
        (await LoadManyAsync(c, workspaceId, [id], tx, ct)).SingleOrDefault();

    public async Task<CreatorView> LoadRequiredAsync(DbConnection c, string workspaceId, string id, DbTransaction? tx = null, CancellationToken ct = default) =>
        await LoadAsync(c, workspaceId, id, tx, ct) ?? throw new NotFoundException("creator", id);

    /// <summary>The creators with these ids, in the order given (ids of other workspaces are simply absent).</summary>
    public async Task<IReadOnlyList<CreatorView>> LoadManyAsync(DbConnection c, string workspaceId, IReadOnlyList<string> ids,
        DbTransaction? tx = null, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var p = new { WorkspaceId = workspaceId, Ids = JsonSerializer.Serialize(ids) };
        var creators = (await c.QueryAsync<CreatorRow>(LoadCreators, p, tx, ct)).ToDictionary(r => r.Id);
        var accounts = (await c.QueryAsync<AccountRow>(LoadAccounts, p, tx, ct)).ToLookup(a => a.CreatorId);
        var tags = (await c.QueryAsync<TagRow>(LoadTags, p, tx, ct)).ToLookup(t => t.CreatorId);
        var reps = (await c.QueryAsync<RepresentativeRow>(LoadRepresentatives, p, tx, ct)).ToLookup(r => r.CreatorId);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        return ids.Where(creators.ContainsKey).Select(id =>
        {
            var r = creators[id];
            return new CreatorView(
                r.Id, r.DisplayName, r.Email, r.Country,
                r.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries),
                tags[id].Select(t => t.Tag).ToList(),
                r.Stage, r.DoNotContact,
                r.IsMinor || (r.BirthDate is { } b && CreatorRules.IsMinorOn(b, today)),
                r.BirthDate,
                reps[id].Select(x => new LegalRepresentativeView(x.FullName, x.Relationship, x.Email, x.Phone, x.HoldsParentalAuthority)).ToList(),
                r.LawfulBasis, r.Notes,
                accounts[id].Select(a => new SocialAccountView(a.Id, a.Platform, a.Handle, a.Url, a.Followers,
                    a.EngagementRate is { } e ? Math.Round((decimal)e, 4) : null, a.MetricsAsOf)).ToList(),
                r.ErasedAt, r.Version, r.CreatedAt, r.UpdatedAt);
        }).ToList();
    }

    /// <summary>409 when the platform + handle belongs to another creator (or, with no exception, to this one).</summary>
    public async Task EnsureHandleFreeAsync(DbConnection c, DbTransaction tx, string workspaceId, string platform, string handle,
        string? exceptAccountId, CancellationToken ct)
    {
        var owner = await c.QuerySingleOrDefaultAsync<HandleOwner>(FindHandleOwner,
            new { WorkspaceId = workspaceId, Platform = platform, HandleKey = CreatorRules.HandleKey(handle) }, tx, ct);
        if (owner is not null && owner.AccountId != exceptAccountId)
        {
            throw HandleTaken(platform, handle, owner.CreatorId, owner.DisplayName);
        }
    }

    public static ConflictException HandleTaken(string platform, string handle, string creatorId, string displayName)
    {
        var conflict = new ConflictException(
            $"The {platform} handle @{CreatorRules.NormalizeHandle(handle)} already belongs to creator {creatorId} ({displayName}).");
        conflict.Extensions["existingCreatorId"] = creatorId;
        return conflict;
    }

    public async Task<HandleOwner?> FindHandleOwnerAsync(DbConnection c, DbTransaction? tx, string workspaceId, string platform, string handle,
        CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<HandleOwner>(FindHandleOwner,
            new { WorkspaceId = workspaceId, Platform = platform, HandleKey = CreatorRules.HandleKey(handle) }, tx, ct);

    /// <summary>Inserts a new creator with its accounts; the caller has validated the input.</summary>
    public async Task<string> InsertAsync(DbConnection c, DbTransaction tx, string workspaceId, CreatorFields fields, string stage,
        IReadOnlyList<SocialAccountInput> accounts, CancellationToken ct)
    {
        var id = Ids.New("cr");
        await c.ExecuteAsync(InsertCreator, CreatorParameters(id, workspaceId, fields, version: 0, stage), tx, ct);
        foreach (var account in accounts)
        {
            await InsertAccountAsync(c, tx, workspaceId, id, account, ct);
        }

        await ReplaceChildrenAsync(c, tx, workspaceId, id, fields, ct);
        return id;
    }

    public async Task<string> InsertAccountAsync(DbConnection c, DbTransaction tx, string workspaceId, string creatorId, SocialAccountInput a,
        CancellationToken ct)
    {
        await EnsureHandleFreeAsync(c, tx, workspaceId, a.Platform!, a.Handle!, null, ct);
        var id = Ids.New("sa");
        try
        {
            await c.ExecuteAsync(InsertAccount, new
            {
                Id = id,
                WorkspaceId = workspaceId,
                CreatorId = creatorId,
                a.Platform,
                Handle = CreatorRules.NormalizeHandle(a.Handle!),
                HandleKey = CreatorRules.HandleKey(a.Handle!),
                a.Url,
                a.Followers,
                EngagementRate = (double?)a.EngagementRate,
                a.MetricsAsOf,
                Now,
            }, tx, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException($"The {a.Platform} handle @{CreatorRules.NormalizeHandle(a.Handle!)} was just registered by another request.");
        }

        return id;
    }

    public Task<int> UpdateAccountAsync(DbConnection c, DbTransaction tx, string workspaceId, string creatorId, string accountId, SocialAccountInput a,
        CancellationToken ct) =>
        c.ExecuteAsync(UpdateAccount, new
        {
            Id = accountId,
            WorkspaceId = workspaceId,
            CreatorId = creatorId,
            Handle = CreatorRules.NormalizeHandle(a.Handle!),
            HandleKey = CreatorRules.HandleKey(a.Handle!),
            a.Url,
            a.Followers,
            EngagementRate = (double?)a.EngagementRate,
            a.MetricsAsOf,
        }, tx, ct);

    /// <summary>Writes the person's fields over the stored ones; 412 when the version moved.</summary>
    public async Task UpdateFieldsAsync(DbConnection c, DbTransaction tx, string workspaceId, CreatorView current, CreatorFields fields, CancellationToken ct)
    {
        var changed = await c.ExecuteAsync(UpdateCreator, CreatorParameters(current.Id, workspaceId, fields, current.Version, current.Stage), tx, ct);
        if (changed == 0)
        {
            throw new PreconditionFailedException(ETags.For(current.Version + 1));
        }

        await ReplaceChildrenAsync(c, tx, workspaceId, current.Id, fields, ct);
    }

    /// <summary>A change to a part of the creator (an account, the stage) is a new version of the whole.</summary>
    public async Task BumpVersionAsync(DbConnection c, DbTransaction tx, string workspaceId, CreatorView current, CancellationToken ct)
    {
        if (await c.ExecuteAsync(BumpVersion, new { current.Id, WorkspaceId = workspaceId, current.Version, Now }, tx, ct) == 0)
        {
            throw new PreconditionFailedException(ETags.For(current.Version + 1));
        }
    }

    private async Task ReplaceChildrenAsync(DbConnection c, DbTransaction tx, string workspaceId, string creatorId, CreatorFields fields, CancellationToken ct)
    {
        var ids = new { WorkspaceId = workspaceId, CreatorId = creatorId };
        await c.ExecuteAsync(DeleteTags, ids, tx, ct);
        // Case-insensitively distinct, as SQL Server's collation compares them: "Beauty" and "beauty" are one tag (the first spelling kept).
        foreach (var tag in (fields.Tags ?? []).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await c.ExecuteAsync(InsertTag, new { WorkspaceId = workspaceId, CreatorId = creatorId, Tag = tag }, tx, ct);
        }

        await c.ExecuteAsync(DeleteRepresentatives, ids, tx, ct);
        var position = 0;
        foreach (var rep in fields.LegalRepresentatives ?? [])
        {
            await c.ExecuteAsync(InsertRepresentative, new
            {
                Id = Ids.New("lr"),
                WorkspaceId = workspaceId,
                CreatorId = creatorId,
                Position = position++,
                rep.FullName,
                rep.Relationship,
                rep.Email,
                rep.Phone,
                HoldsParentalAuthority = rep.HoldsParentalAuthority ?? true,
            }, tx, ct);
        }
    }

    private object CreatorParameters(string id, string workspaceId, CreatorFields f, long version, string stage) => new
    {
        Id = id,
        WorkspaceId = workspaceId,
        DisplayName = f.DisplayName!.Trim(),
        DisplayNameKey = Text.SearchKey(f.DisplayName),
        Email = f.Email?.Trim(),
        EmailKey = f.Email is null ? null : Text.SearchKey(f.Email),
        f.Country,
        Languages = string.Join(',', f.Languages ?? []),
        Stage = stage,
        DoNotContact = f.DoNotContact ?? false,
        IsMinor = f.IsMinor ?? false,
        f.BirthDate,
        LawfulBasis = f.LawfulBasis ?? (stage is "active" ? "contract" : "legitimate_interest"),
        f.Notes,
        Version = version,
        Now,
    };
}
