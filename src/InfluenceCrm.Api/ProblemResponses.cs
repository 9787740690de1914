using InfluenceCrm.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace InfluenceCrm.Api;

/// <summary>
/// Every operation of the OpenAPI document declares the errors it can answer, as RFC 9457 application/problem+json:
/// 400 and 429 always; 401 and 403 unless anonymous; 404 when its route names a resource; 409, 413 and 415 for writes;
/// 412 and 428 for updates that take If-Match; 422 where Idempotency-Key is honoured; 503 when the database cannot serve.
/// A generated client can then read any error as a problem.
/// </summary>
internal static class ProblemResponses
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["400"] = "Invalid request: see errors",
        ["401"] = "No valid API key",
        ["403"] = "The key's role may not do this",
        ["404"] = "Not found (or another workspace's)",
        ["409"] = "Conflict with the current state",
        ["412"] = "The resource changed since your read (If-Match)",
        ["413"] = "Body too large",
        ["415"] = "Unsupported content type",
        ["422"] = "Idempotency-Key reused with another request",
        ["428"] = "If-Match required",
        ["429"] = "Rate limit reached: see Retry-After",
        ["503"] = "The database cannot serve now: see Retry-After",
    };

    public static Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? "GET";
        var writes = method is "POST" or "PUT" or "PATCH" or "DELETE";
        var codes = new List<string> { "400", "429", "503" };
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            codes.AddRange(["401", "403"]);
        }

        if ((description.RelativePath ?? "").Contains('{', StringComparison.Ordinal))
        {
            codes.Add("404");
        }

        if (writes)
        {
            codes.AddRange(["409", "413", "415"]);
        }

        if (metadata.OfType<ETags.IfMatchRequired>().Any())
        {
            codes.AddRange(["412", "428"]);
        }

        if (metadata.OfType<IdempotentEndpoint>().Any())
        {
            codes.Add("422");
        }

        operation.Responses ??= [];
        foreach (var code in codes.Where(c => !operation.Responses.ContainsKey(c)))
        {
            operation.Responses[code] = Response(code, Descriptions[code], context.Document);
        }

        return Task.CompletedTask;
    }

    /// <summary>An error response whose body is the shared Problem schema (components/schemas/Problem).</summary>
    public static OpenApiResponse Response(string code, string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(OpenApiContract.ProblemSchema, document) },
        },
    };

    /// <summary>RFC 9457 problem details; errors (field → messages) on a 400.</summary>
    public static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
