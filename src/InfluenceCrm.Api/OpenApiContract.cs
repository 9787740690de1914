using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace InfluenceCrm.Api;

/// <summary>
/// What the OpenAPI document says beyond the endpoints' own metadata, so a generated client can be trusted: a
/// description per operation (its feature's XML summary) and per tag; camelCase query names; the headers each operation
/// takes and answers (If-Match, If-None-Match, Idempotency-Key, ETag, Location, Retry-After); no bearer requirement on
/// anonymous operations; the redirect as 302/404/410; times as date-time strings; every closed vocabulary as an enum;
/// in request bodies, only what a client must send as required (<see cref="OpenApiRequired"/>).
/// </summary>
internal static class OpenApiContract
{
    public const string ProblemSchema = "Problem";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Creators"] = "Creators and their social accounts: profiles, pipeline stages, minors' legal representatives, imports, erasure and " +
            "personal-data export.",
        ["Campaigns"] = "Campaigns, their roster, deliverables (plan, draft, review, publish, verify) and the editorial calendar.",
        ["Calendar"] = "The editorial calendar as iCalendar feeds, and the subscriptions that open them.",
        ["Disclosure compliance"] = "Whether a post is properly disclosed as advertising, with the rules and reasons (French law, ARPP, platform rules).",
        ["Contracts"] = "Contracts with creators, their French-law compliance (loi n° 2023-451), signatures, amendments and milestone payments.",
        ["UGC rights"] = "User-generated content: assets, rights requests, grants, usages, rights checks with reasons, take-downs.",
        ["Links"] = "Tracked links and the public redirect that counts their clicks.",
        ["Performance"] = "Conversions, promo codes, engagement snapshots and the click pipeline.",
        ["Media"] = "Files stored by the product (images, video, PDF): uploaded, streamed back by range, referenced by drafts and UGC assets.",
        ["Reports"] = "Campaign reports: reach, engagement, clicks, conversions and value, by creator, deliverable or day.",
        ["API keys"] = "A workspace's API keys and their roles.",
        ["Audit log"] = "The append-only record of legal-relevant changes.",
        ["Members"] = "The people of a workspace and their roles; the last admin cannot be removed or demoted.",
        ["Invitations"] = "Invitations to a workspace, mailed to the invited address (never shown to the admin), resent or revoked while pending.",
        ["Webhooks"] = "Endpoints that receive signed events (Standard Webhooks), their deliveries, attempts and replays.",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> FeatureSummaries = new(LoadFeatureSummaries);

    public static OpenApiOptions UseContract(this OpenApiOptions options, IReadOnlyList<DocumentedValues> vocabularies)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            Describe(schema, context, vocabularies);
            OpenApiRequired.Apply(schema, context);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            Describe(operation, context);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Tags ??= new HashSet<OpenApiTag>();
            foreach (var tag in document.Tags.Where(t => t.Name is not null && TagDescriptions.ContainsKey(t.Name)))
            {
                tag.Description = TagDescriptions[tag.Name!];
            }

            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = ProblemResponses.Problem();
            return Task.CompletedTask;
        });
        return options;
    }

    private static void Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context, IReadOnlyList<DocumentedValues> vocabularies)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(DateTimeOffset))
        {
            // Written by our UTC converter, which the schema generator cannot see through.
            schema.Type = context.JsonTypeInfo.Type == type && context.JsonPropertyInfo?.IsGetNullable != true ? JsonSchemaType.String
                : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }

        var (on, name) = context.JsonPropertyInfo is { } property ? (property.DeclaringType, property.Name)
            : context.ParameterDescription is { } parameter ? (parameter.ModelMetadata?.ContainerType, Camel(parameter.Name)) : (null, null);
        if (name is null)
        {
            return;
        }

        if (DocumentedValues.IsoCodes.TryGetValue(name, out var iso))
        {
            var coded = schema.Items is OpenApiSchema codes && schema.Type?.HasFlag(JsonSchemaType.Array) == true ? codes : schema;
            coded.Pattern = iso.Pattern;
            schema.Description ??= iso.Description;
            return;
        }

        var values = vocabularies.FirstOrDefault(v => v.On is not null && on is not null && v.Property == name && v.On.IsAssignableFrom(on))
            ?? vocabularies.FirstOrDefault(v => v.On is null && v.Property == name);
        if (values is null)
        {
            return;
        }

        var target = schema.Items is OpenApiSchema items && schema.Type?.HasFlag(JsonSchemaType.Array) == true ? items : schema;
        if (target.Type?.HasFlag(JsonSchemaType.String) == true)
        {
            target.Enum = [.. values.Values.Select(v => (JsonNode)JsonValue.Create(v)), .. target.Type.Value.HasFlag(JsonSchemaType.Null) ? [null!]
                : Array.Empty<JsonNode>()];
        }
    }

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.Description = operation.OperationId is { } id && FeatureSummaries.Value.TryGetValue(id, out var summary) ? summary : operation.Summary;

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name)
            {
                parameter.Name = Camel(name); // binding is case-insensitive; the document names them as the API's JSON does
            }
        }

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (anonymous)
        {
            operation.Security = [];
        }

        operation.Parameters ??= [];
        if (metadata.OfType<ETags.IfMatchRequired>().Any())
        {
            operation.Parameters.Add(Header("If-Match", required: true,
                "The ETag of your last read of the resource, e.g. \"3\" (or * for any version): 428 without it, 412 when it is stale."));
        }

        if (metadata.OfType<IdempotentEndpoint>().Any())
        {
            operation.Parameters.Add(Header("Idempotency-Key", required: false,
                "Any string up to 200 characters: a retry with the same key and body replays the first answer (for 24 hours); the same key with another body " +
                    "is a 422."));
        }

        var etagged = metadata.OfType<ETags.Answered>().Any();
        if (etagged && description.HttpMethod == "GET")
        {
            operation.Parameters.Add(Header("If-None-Match", required: false,
                "The ETag of your last read: 304 without a body when the resource has not changed."));
            operation.Responses?.TryAdd("304", new OpenApiResponse { Description = "Not modified since the ETag given in If-None-Match" });
        }

        foreach (var (code, response) in operation.Responses?.Where(r => r.Value is OpenApiResponse).Select(r => (r.Key, (OpenApiResponse)r.Value)) ?? [])
        {
            if (etagged && code is "200" or "201")
            {
                AddHeader(response, "ETag", "The resource's version, for If-Match on updates and If-None-Match on reads.");
            }

            if (code is "201" or "202" or "302")
            {
                AddHeader(response, "Location", code == "302" ? "Where the visitor is sent."
                    : "The URL of what was created; it can be read with the same key.");
            }

            if (code is "429" or "503")
            {
                AddHeader(response, "Retry-After", "Seconds to wait before trying again.", JsonSchemaType.Integer);
            }
        }

        if (operation.OperationId == "FollowLink" && operation.Responses is { } responses)
        {
            responses.Remove("200");
            var found = new OpenApiResponse { Description = "Redirect to the link's destination, with its click id (icid) added for attribution" };
            AddHeader(found, "Location", "The destination.");
            responses["302"] = found;
            responses["410"] = ProblemResponses.Response("410", "The link is paused or expired", context.Document);
        }
    }

    private static OpenApiParameter Header(string name, bool required, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }

    /// <summary>A see cref in a summary, as its last name (T:InfluenceCrm.Platform.Webhooks.WebhookOutbox → WebhookOutbox).</summary>
    private static string? CrefName(XElement e) => ((string?)e.Attribute("cref"))?.Split('.')[^1];

    private static string Camel(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The XML summary of each feature class (RegisterCreator, ListWebhookEndpoints…), by its name, which is the operation id.</summary>
    private static Dictionary<string, string> LoadFeatureSummaries()
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("InfluenceCrm.", StringComparison.Ordinal) == true))
        {
            var file = Path.ChangeExtension(assembly.Location, ".xml");
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var member in XDocument.Load(file).Descendants("member"))
            {
                var name = (string?)member.Attribute("name");
                var feature = name?.IndexOf(".Features.", StringComparison.Ordinal) is { } at and >= 0 && name.StartsWith("T:", StringComparison.Ordinal)
                    ? name[(at + ".Features.".Length)..] : null;
                if (feature is not null && !feature.Contains('.', StringComparison.Ordinal) && member.Element("summary") is { } summary)
                {
                    var text = string.Join(' ', string.Concat(summary.Nodes().Select(n => n is XElement e ? CrefName(e) ?? e.Value : n.ToString()))
                        .Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
                    summaries.TryAdd(feature, System.Net.WebUtility.HtmlDecode(text));
                }
            }
        }

        return summaries;
    }
}
