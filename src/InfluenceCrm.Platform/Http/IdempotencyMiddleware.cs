using System.Security.Cryptography;
using System.Text;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace InfluenceCrm.Platform.Http;

/// <summary>Marks a creating POST as honouring <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Instance = new();
}

public static class IdempotencyEndpointExtensions
{
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentEndpoint.Instance);
}

/// <summary>
/// Same key + same request (method, path, body): the first response is replayed (header Idempotent-Replayed: true)
/// and nothing is written twice. Same key + another request: 422. A request still running under the key: 409.
/// Responses of 5xx and 429, and requests that threw, are forgotten so the client may retry. Keys live 24 hours.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, Db db, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    internal static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    internal static readonly Sql Find = Sql.Both("""
        SELECT request_hash AS RequestHash, status_code AS StatusCode, content_type AS ContentType,
               location AS Location, etag AS ETag, response_body AS ResponseBody, created_at AS CreatedAt
        FROM platform_idempotency_keys WHERE workspace_id = @WorkspaceId AND idempotency_key = @Key
        """);

    internal static readonly Sql Claim = Sql.Both("""
        INSERT INTO platform_idempotency_keys (workspace_id, idempotency_key, request_hash, created_at)
        VALUES (@WorkspaceId, @Key, @RequestHash, @CreatedAt)
        """);

    internal static readonly Sql Complete = Sql.Both("""
        UPDATE platform_idempotency_keys
        SET status_code = @StatusCode, content_type = @ContentType, location = @Location, etag = @ETag, response_body = @ResponseBody
        WHERE workspace_id = @WorkspaceId AND idempotency_key = @Key AND request_hash <> 'erased'
        """);

    internal static readonly Sql Forget = Sql.Both(
        "DELETE FROM platform_idempotency_keys WHERE workspace_id = @WorkspaceId AND idempotency_key = @Key");

    /// <summary>The request hash of a key whose stored answer named an erased record: a tombstone.</summary>
    internal const string ErasedHash = "erased";

    internal static readonly Sql PurgeMentioning = Sql.Both("""
        UPDATE platform_idempotency_keys
        SET request_hash = 'erased', status_code = 410, content_type = NULL, location = NULL, etag = NULL, response_body = NULL
        WHERE workspace_id = @WorkspaceId AND response_body LIKE @Pattern ESCAPE '\'
        """);

    /// <summary>
    /// Erasure support: stored responses are copies of personal data, so those naming an erased record are emptied; the
    /// key stays, as a tombstone, for the rest of its 24 hours: a retry with it answers 410 instead of re-creating the person.
    /// </summary>
    public static Task PurgeResponsesMentioningAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        string workspaceId, string id, CancellationToken ct) =>
        connection.ExecuteAsync(PurgeMentioning, new { WorkspaceId = workspaceId, Pattern = Text.ContainsPattern(id) }, transaction, ct);

    private sealed class Stored
    {
        public string RequestHash { get; init; } = "";
        public int? StatusCode { get; init; }
        public string? ContentType { get; init; }
        public string? Location { get; init; }
        public string? ETag { get; init; }
        public string? ResponseBody { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key) || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is null
            || context.User.FindFirst(ApiKeyAuthentication.WorkspaceClaim)?.Value is not { } workspaceId)
        {
            await next(context);
            return;
        }

        if (key.Length > 200)
        {
            throw new BadRequestException("Idempotency-Key is at most 200 characters.");
        }

        var requestHash = await HashRequestAsync(context.Request);
        var ids = new { WorkspaceId = workspaceId, Key = key };
        if (!await TryClaimAsync(context, ids.WorkspaceId, key, requestHash))
        {
            return;
        }

        var originalBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await ForgetAsync(ids);
            throw;
        }
        finally
        {
            context.Response.Body = originalBody;
        }

        var status = context.Response.StatusCode;
        if (status >= 500 || status == StatusCodes.Status429TooManyRequests)
        {
            await ForgetAsync(ids);
        }
        else
        {
            await using var connection = await db.OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync(Complete, new
            {
                ids.WorkspaceId,
                ids.Key,
                StatusCode = status,
                context.Response.ContentType,
                Location = context.Response.Headers.Location.ToString(),
                ETag = context.Response.Headers.ETag.ToString(),
                ResponseBody = Encoding.UTF8.GetString(buffer.ToArray()),
            });
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, context.RequestAborted);
    }

    /// <returns>true when this request now owns the key; false when a response was already written.</returns>
    private async Task<bool> TryClaimAsync(HttpContext context, string workspaceId, string key, string requestHash)
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var stored = await connection.QuerySingleOrDefaultAsync<Stored>(Find, new { WorkspaceId = workspaceId, Key = key });
            if (stored is not null && stored.CreatedAt < clock.GetUtcNow() - Lifetime)
            {
                await connection.ExecuteAsync(Forget, new { WorkspaceId = workspaceId, Key = key });
                stored = null;
            }

            if (stored is not null)
            {
                if (stored.RequestHash == ErasedHash)
                {
                    throw new GoneException("The record created with this Idempotency-Key was erased (GDPR); it is not created again. Use a new key for a " +
                        "new record.");
                }

                if (stored.RequestHash != requestHash)
                {
                    throw new IdempotencyKeyReusedException();
                }

                if (stored.StatusCode is null)
                {
                    throw new ConflictException("A request with this Idempotency-Key is still being processed; retry shortly.");
                }

                await ReplayAsync(context, stored);
                return false;
            }

            try
            {
                await connection.ExecuteAsync(Claim, new { WorkspaceId = workspaceId, Key = key, RequestHash = requestHash, CreatedAt = clock.GetUtcNow() });
                return true;
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another request claimed the key between our read and our insert: read again.
            }
        }

        throw new ConflictException("A request with this Idempotency-Key is still being processed; retry shortly.");
    }

    private static async Task ReplayAsync(HttpContext context, Stored stored)
    {
        context.Response.StatusCode = stored.StatusCode!.Value;
        if (!string.IsNullOrEmpty(stored.ContentType))
        {
            context.Response.ContentType = stored.ContentType;
        }

        if (!string.IsNullOrEmpty(stored.Location))
        {
            context.Response.Headers.Location = stored.Location;
        }

        if (!string.IsNullOrEmpty(stored.ETag))
        {
            context.Response.Headers.ETag = stored.ETag;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.WriteAsync(stored.ResponseBody ?? "", context.RequestAborted);
    }

    private async Task ForgetAsync(object ids)
    {
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(Forget, ids);
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
