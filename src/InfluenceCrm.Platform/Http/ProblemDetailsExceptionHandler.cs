using System.Text.Json;
using FluentValidation;
using InfluenceCrm.Platform.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Platform.Http;

/// <summary>Maps every exception to application/problem+json. Unexpected ones become a 500 without internals.</summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, DatabaseHealth databaseHealth,
    ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException v => Validation(v),
            ApiException a => FromApi(a),
            BadHttpRequestException b => FromBadRequest(b),
            JsonException j => Malformed(j),
            _ when DbErrors.IsUniqueViolation(exception) => new ProblemDetails
            {
                Status = 409,
                Title = "Conflict",
                Detail = "Another request stored the same record at the same time; read the current state and retry if still needed.",
            },
            _ when DbErrors.IsUnavailable(exception) => Unavailable(httpContext, exception),
            _ => new ProblemDetails { Status = 500, Title = "Internal error", Detail = "An unexpected error occurred; it has been logged." },
        };
        if (problem.Status == 500)
        {
            LogUnexpected(logger, exception);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>503: the database cannot serve now (disk full, read-only, busy, failover); nothing was changed, retry later.</summary>
    private ProblemDetails Unavailable(HttpContext httpContext, Exception exception)
    {
        databaseHealth.Report(exception);
        httpContext.Response.Headers.RetryAfter = "5";
        return new ProblemDetails
        {
            Status = 503,
            Title = "Service unavailable",
            Detail = $"The database cannot serve this request now ({DbErrors.Describe(exception)}); nothing was changed. Retry after the Retry-After delay.",
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while handling a request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    public static ValidationProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => ToCamelPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = 400,
            Title = "Validation failed",
            Detail = "One or more fields are invalid; see errors.",
        };
    }

    private static ProblemDetails FromApi(ApiException exception)
    {
        var problem = new ProblemDetails { Status = exception.Status, Title = exception.Title, Detail = exception.Message };
        foreach (var (key, value) in exception.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return Malformed(json);
        }

        var status = exception.StatusCode;
        return status == StatusCodes.Status413PayloadTooLarge
            ? new ProblemDetails { Status = 413, Title = "Request body too large", Detail = "The request body exceeds the limit for this endpoint." }
            : new ProblemDetails { Status = status, Title = "Bad request", Detail = Sanitize(exception.Message) };
    }

    private static ProblemDetails Malformed(JsonException exception)
    {
        // System.Text.Json messages name .NET types; say what the client needs: where, and what.
        var where = string.IsNullOrEmpty(exception.Path) ? "the body" : exception.Path;
        var what = exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "is not a known property"
            : "is not valid JSON for this field";
        return new ProblemDetails { Status = 400, Title = "Malformed request body", Detail = $"{where} {what}." };
    }

    // 'Failed to bind parameter "Nullable<long> MinFollowers" from "abc".' -> 'minFollowers has an invalid value.'
    private static string Sanitize(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "parameter \"[^\"]*?(\\w+)\"");
        if (!match.Success)
        {
            return "The request could not be read.";
        }

        var name = match.Groups[1].Value;
        return $"{char.ToLowerInvariant(name[0])}{name[1..]} has an invalid or missing value.";
    }

    /// <summary>A validator's property path as the API names fields: Fields[0].Name -> fields[0].name.</summary>
    public static string ToCamelPath(string propertyPath) =>
        string.Join('.', propertyPath.TrimStart('.').Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
