using System.Data.Common;
using System.Text.Json;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;

namespace InfluenceCrm.Platform.Audit;

/// <summary>
/// Append-only record of legal-relevant changes (contracts, rights, verdicts, erasures). No API edits it and the
/// database refuses UPDATE and DELETE on the table (triggers). Details hold ids and field names, never personal data,
/// so an erasure never has to rewrite history.
/// </summary>
public sealed class AuditLog(Caller caller, TimeProvider clock)
{
    internal static readonly Sql Insert = Sql.Both("""
        INSERT INTO platform_audit_log (id, workspace_id, occurred_at, actor, action, entity_type, entity_id, details)
        VALUES (@Id, @WorkspaceId, @OccurredAt, @Actor, @Action, @EntityType, @EntityId, @Details)
        """);

    internal static readonly Sql History = Sql.Both("""
        SELECT occurred_at AS OccurredAt, action AS Action, actor AS Actor FROM platform_audit_log
        WHERE workspace_id = @WorkspaceId AND entity_type = @EntityType AND entity_id = @EntityId
        ORDER BY occurred_at, id
        """);

    public sealed record Entry(DateTimeOffset OccurredAt, string Action, string Actor);

    private sealed class EntryRow
    {
        public DateTimeOffset OccurredAt { get; init; }
        public string Action { get; init; } = "";
        public string Actor { get; init; } = "";
    }

    /// <summary>What was done to one record, oldest first (for access requests and legal review).</summary>
    public async Task<IReadOnlyList<Entry>> HistoryAsync(DbConnection connection, DbTransaction? transaction, string entityType, string entityId,
        CancellationToken ct = default) =>
        (await connection.QueryAsync<EntryRow>(History, new { caller.WorkspaceId, EntityType = entityType, EntityId = entityId }, transaction, ct))
            .Select(r => new Entry(r.OccurredAt, r.Action, r.Actor)).ToList();

    public Task RecordAsync(DbConnection connection, DbTransaction transaction, string action, string entityType, string entityId,
        object? details = null, CancellationToken ct = default) =>
        RecordAsAsync(connection, transaction, caller.WorkspaceId, caller.KeyId, action, entityType, entityId, details, ct);

    /// <summary>For acts without an API key (a person answering a public consent form): the actor is named explicitly.</summary>
    public Task RecordAsAsync(DbConnection connection, DbTransaction transaction, string workspaceId, string actor, string action, string entityType,
        string entityId, object? details = null, CancellationToken ct = default) =>
        WriteAsync(connection, transaction, clock, workspaceId, actor, action, entityType, entityId, details, ct);

    /// <summary>For acts before anyone is signed in (a sign-in, an invitation accepted): no caller, the actor named explicitly.</summary>
    public static Task WriteAsync(DbConnection connection, DbTransaction transaction, TimeProvider clock, string workspaceId, string actor, string action,
        string entityType, string entityId, object? details = null, CancellationToken ct = default)
    {
        AuditActions.Demand(action);
        return connection.ExecuteAsync(Insert, new
        {
            Id = Ids.New("aud"),
            WorkspaceId = workspaceId,
            OccurredAt = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details is null ? null : JsonSerializer.Serialize(details, JsonSerializerOptions.Web),
        }, transaction, ct);
    }
}
