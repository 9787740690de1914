using System.Text.Json;
using System.Text.Json.Nodes;
using InfluenceCrm.Creators.PublicQueries;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using MediatR;

namespace InfluenceCrm.UgcRights;

/// <summary>
/// The UGC module's part of a creator's erasure, in the erasure's transaction: the creator's assets (theirs by creator id,
/// or by an author handle that was one of theirs) lose the author handle and source URL; the people shown on them their
/// descriptions, release texts and birth dates (a person who is a minor that day stays recorded as one); rights requests
/// about them the licensor's name and handle (and their release-form link); replies their author and text. Grants stay as
/// they were: a licence, its licensor and its evidence are what proves our right to use what was already used.
/// </summary>
internal sealed class CreatorErasure(TimeProvider clock) : INotificationHandler<CreatorErased>
{
    public static readonly Sql CreatorsAssets = Sql.Per(
        sqlite: """
            SELECT id FROM ugc_assets WHERE workspace_id = @WorkspaceId
            AND (creator_id = @CreatorId OR platform || ':' || lower(author_handle) IN (SELECT value FROM json_each(@Handles)))
            """,
        sqlServer: """
            SELECT id FROM ugc_assets WHERE workspace_id = @WorkspaceId
            AND (creator_id = @CreatorId OR CONCAT(platform, N':', lower(author_handle)) IN (SELECT value FROM OPENJSON(@Handles) WITH (value NVARCHAR(200)
              '$')))
            """);

    public static readonly Sql ForgetAsset = Sql.Both(
        "UPDATE ugc_assets SET author_handle = 'erased', source_url = @SourceUrl WHERE workspace_id = @WorkspaceId AND id = @Id");

    public static readonly Sql PeopleOf = Sql.Both(
        """
        SELECT id AS Id, guardian_consents AS GuardianConsents, is_minor AS IsMinor, birth_date AS BirthDate
        FROM ugc_people WHERE workspace_id = @WorkspaceId AND asset_id = @AssetId
        """);

    public static readonly Sql ForgetPerson = Sql.Both("""
        UPDATE ugc_people SET description = 'Erased person', release_evidence = CASE WHEN release_evidence IS NULL THEN NULL ELSE 'erased' END,
            guardian_consents = @GuardianConsents, birth_date = NULL, is_minor = @IsMinor
        WHERE workspace_id = @WorkspaceId AND id = @Id
        """);

    public static readonly Sql RequestsOf = Sql.Both(
        "SELECT id AS Id, proposed_terms AS ProposedTerms FROM ugc_rights_requests WHERE workspace_id = @WorkspaceId AND asset_id = @AssetId");

    public static readonly Sql ForgetRequest = Sql.Both("""
        UPDATE ugc_rights_requests SET proposed_terms = @ProposedTerms, token_hash = NULL, version = version + 1 WHERE workspace_id = @WorkspaceId AND id = @Id
        """);

    public static readonly Sql ForgetReplies = Sql.Per(
        sqlite: """
            UPDATE ugc_request_replies SET author_handle = 'erased', text = '[erased]'
            WHERE workspace_id = @WorkspaceId AND (request_id IN (SELECT id FROM ugc_rights_requests WHERE workspace_id = @WorkspaceId AND asset_id IN (SELECT
              value FROM json_each(@AssetIds)))
                OR request_id IN (SELECT r.id FROM ugc_rights_requests r JOIN ugc_assets a ON a.id = r.asset_id
                    WHERE r.workspace_id = @WorkspaceId AND a.platform || ':' || lower(ltrim(trim(ugc_request_replies.author_handle), '@')) IN (SELECT value
                      FROM json_each(@Handles))))
            """,
        sqlServer: """
            UPDATE ugc_request_replies SET author_handle = N'erased', text = N'[erased]'
            WHERE workspace_id = @WorkspaceId AND (request_id IN (SELECT id FROM ugc_rights_requests WHERE workspace_id = @WorkspaceId
                    AND asset_id IN (SELECT value FROM OPENJSON(@AssetIds) WITH (value NVARCHAR(40) '$')))
                OR request_id IN (SELECT r.id FROM ugc_rights_requests r JOIN ugc_assets a ON a.id = r.asset_id
                    WHERE r.workspace_id = @WorkspaceId
                    AND CONCAT(a.platform, N':', lower(LTRIM(RTRIM(REPLACE(ugc_request_replies.author_handle, N'@', N''))))) IN (SELECT value FROM
                      OPENJSON(@Handles) WITH (value NVARCHAR(200) '$'))))
            """);

    private sealed class PersonRow
    {
        public string Id { get; init; } = "";
        public string GuardianConsents { get; init; } = "[]";
        public bool IsMinor { get; init; }
        public DateOnly? BirthDate { get; init; }
    }

    private sealed class RequestRow
    {
        public string Id { get; init; } = "";
        public string ProposedTerms { get; init; } = "{}";
    }

    public async Task Handle(CreatorErased e, CancellationToken cancellationToken)
    {
        var (c, tx) = (e.Connection, e.Transaction);
        var handles = JsonSerializer.Serialize(e.Handles);
        var assets = (await c.QueryAsync<string>(CreatorsAssets, new { e.WorkspaceId, e.CreatorId, Handles = handles }, tx, cancellationToken)).ToList();
        foreach (var asset in assets)
        {
            await c.ExecuteAsync(ForgetAsset, new { e.WorkspaceId, Id = asset, SourceUrl = $"https://erased.invalid/{asset}" }, tx, cancellationToken);
            foreach (var person in await c.QueryAsync<PersonRow>(PeopleOf, new { e.WorkspaceId, AssetId = asset }, tx, cancellationToken))
            {
                var consents = JsonNode.Parse(person.GuardianConsents) as JsonArray ?? [];
                foreach (var consent in consents.OfType<JsonObject>())
                {
                    consent["holderName"] = "Erased";
                    consent["evidence"] = "erased";
                }

                var minor = person.BirthDate is { } born ? RightsCheck.MinorAt(born, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) : person.IsMinor;
                await c.ExecuteAsync(ForgetPerson, new { e.WorkspaceId, person.Id, GuardianConsents = consents.ToJsonString(), IsMinor = minor }, tx,
                    cancellationToken);
            }

            foreach (var request in await c.QueryAsync<RequestRow>(RequestsOf, new { e.WorkspaceId, AssetId = asset }, tx, cancellationToken))
            {
                var terms = JsonNode.Parse(request.ProposedTerms) as JsonObject ?? [];
                if (terms["licensor"] is JsonObject licensor)
                {
                    licensor["name"] = "Erased";
                    licensor["handle"] = null;
                }

                await c.ExecuteAsync(ForgetRequest, new { e.WorkspaceId, request.Id, ProposedTerms = terms.ToJsonString() }, tx, cancellationToken);
            }

            await IdempotencyMiddleware.PurgeResponsesMentioningAsync(c, tx, e.WorkspaceId, asset, cancellationToken);
        }

        await c.ExecuteAsync(ForgetReplies, new { e.WorkspaceId, AssetIds = JsonSerializer.Serialize(assets), Handles = handles }, tx, cancellationToken);
        e.Report.Remove($"UGC: author handle and source URL of {assets.Count} asset(s); descriptions, release texts and birth dates of the people shown on " +
            $"them; licensor name and handle of their rights requests (release-form links closed); replies' authors and texts");
        e.Report.Keep("UGC: grants as recorded (licensor, terms, evidence): they prove the right to use what was already published, and are needed to " +
            "answer a claim");
    }
}
