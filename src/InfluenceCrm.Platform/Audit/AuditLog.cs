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

    public Task RecordAsync(DbConnection connection, DbTransaction transaction, string action, string entityType, string entityId,
        object? details = null, CancellationToken ct = default) =>
        connection.ExecuteAsync(Insert, new
        {
            Id = Ids.New("aud"),
            caller.WorkspaceId,
            OccurredAt = clock.GetUtcNow(),
            Actor = caller.KeyId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details is null ? null : JsonSerializer.Serialize(details, JsonSerializerOptions.Web),
        }, transaction, ct);
}
