using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace InfluenceCrm.Platform.Http;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's Accept header says. The framework's
/// writer declines a request that accepts only text/html or image/png, and then the challenge, the rate limiter and the
/// exception handler have nothing to answer with (a 500 with an empty body). An error body a client did not ask for is
/// still more useful than none. Every problem gets a <c>type</c> (the RFC section of its status) and the W3C trace id.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Type ??= TypeOf(problem.Status.Value);
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        http.Response.Headers.Vary = "Accept";
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json",
            http.RequestAborted));
    }

    /// <summary>The section of the RFC that defines the status: what a problem's type means when nothing more specific applies.</summary>
    public static string TypeOf(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        406 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.7",
        408 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.9",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        410 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.11",
        411 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.12",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        428 => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        431 => "https://www.rfc-editor.org/rfc/rfc6585#section-5",
        500 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
