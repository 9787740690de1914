namespace InfluenceCrm.Platform.Http;

/// <summary>Errors a handler raises on purpose; ProblemDetailsExceptionHandler turns each into RFC 9457 problem+json.</summary>
public abstract class ApiException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

/// <summary>404. Also answered for ids that belong to another workspace, so their existence is not revealed.</summary>
public sealed class NotFoundException(string resource, string id)
    : ApiException(404, "Not found", $"No {resource} with id '{id}' in this workspace.");

/// <summary>409: the request is valid but conflicts with the current state (duplicate, illegal transition).</summary>
public sealed class ConflictException(string detail) : ApiException(409, "Conflict", detail);

/// <summary>428: an update was sent without If-Match.</summary>
public sealed class PreconditionRequiredException()
    : ApiException(428, "Precondition required", "This update needs an If-Match header carrying the ETag of your last read.");

/// <summary>412: If-Match did not match the current version.</summary>
public sealed class PreconditionFailedException(string currentETag)
    : ApiException(412, "Precondition failed", $"The resource changed since you read it (current ETag {currentETag}). Read it again and retry.");

/// <summary>400 for a request that is malformed in a way no validator sees (bad cursor, bad If-Match).</summary>
public sealed class BadRequestException(string detail) : ApiException(400, "Bad request", detail);

/// <summary>410: what was asked for existed and is gone for good (an erased record).</summary>
public sealed class GoneException(string detail) : ApiException(410, "Gone", detail);

/// <summary>422: an Idempotency-Key was reused with a different request.</summary>
public sealed class IdempotencyKeyReusedException()
    : ApiException(422, "Idempotency key reused", "This Idempotency-Key was already used with a different request. Use a new key for a new request.");

/// <summary>403: the caller is known but their role may not do this.</summary>
public sealed class ForbiddenException(string detail) : ApiException(403, "Forbidden", detail);

/// <summary>413: the body is larger than the endpoint takes; nothing was stored.</summary>
public sealed class PayloadTooLargeException(string detail) : ApiException(413, "Payload too large", detail);

/// <summary>415: the body is not of a kind the endpoint takes (recognised from its bytes where it is a file).</summary>
public sealed class UnsupportedMediaTypeException(string detail) : ApiException(415, "Unsupported media type", detail);
