using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Platform.Http;

/// <summary>The lint-class rules the document holds, beside the generated client that proves it (GeneratedClientTests).</summary>
public sealed class OpenApiDocumentTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private async Task<JsonNode> DocumentAsync() => await (await api.Anonymous().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => (p.Key, o.Key, o.Value!)));

    [Fact]
    public async Task Every_operation_and_tag_is_described_and_query_names_are_camel_case()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            if (string.IsNullOrWhiteSpace((string?)operation["description"]) || string.IsNullOrWhiteSpace((string?)operation["summary"]))
            {
                failures.Add($"{method} {path}: no description or summary");
            }

            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
            {
                if ((string)parameter!["in"]! == "query" && !char.IsLower(((string)parameter["name"]!)[0]))
                {
                    failures.Add($"{method} {path}: query parameter {parameter["name"]}");
                }
            }
        }

        failures.AddRange(document["tags"]!.AsArray().Where(t => string.IsNullOrWhiteSpace((string?)t!["description"]))
            .Select(t => $"tag {t!["name"]}: no description"));
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Numbers_are_numbers_and_times_are_date_time_strings()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        void Walk(JsonNode? node, string where)
        {
            if (node is JsonObject o)
            {
                if (o["type"] is JsonArray types && types.Any(t => (string)t! == "string") && types.Any(t => (string)t! is "integer" or "number"))
                {
                    failures.Add($"{where}: integer or string");
                }

                if (o["format"] is JsonValue format && (string?)format == "date-time" && o["type"] is null)
                {
                    failures.Add($"{where}: a date-time without a type");
                }

                foreach (var (key, child) in o)
                {
                    Walk(child, $"{where}/{key}");
                }
            }
            else if (node is JsonArray a)
            {
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{where}[{i}]");
                }
            }
        }

        Walk(document, "");
        Assert.Empty(failures);
        var amount = document["components"]!["schemas"]!["Money"]!["properties"]!["amount"]!["type"]!;
        Assert.Contains("integer", amount is JsonArray types ? types.Select(t => (string)t!) : [(string)amount!]);
    }

    [Fact]
    public async Task Headers_vocabularies_and_the_redirect_are_declared()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;
        Assert.Equal(["prospect", "contacted", "negotiating", "active", "paused", "ended"],
            schemas["CreatorView"]!["properties"]!["stage"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Contains("draft_submitted", schemas["DeliverableView"]!["properties"]!["status"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Contains("conversion.recorded",
            schemas["CreateWebhookEndpointRequest"]!["properties"]!["eventTypes"]!["items"]!["enum"]!.AsArray().Select(v => (string)v!));

        var failures = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var headers = (operation["parameters"]?.AsArray() ?? []).Where(p => (string)p!["in"]! == "header").Select(p => (string)p!["name"]!).ToList();
            var responses = operation["responses"]!.AsObject();
            if (method == "patch" && (!headers.Contains("If-Match") || responses["412"] is null || responses["428"] is null))
            {
                failures.Add($"{method} {path}: If-Match, 412 and 428");
            }

            if (method is "post" or "put" or "patch" && operation["requestBody"] is null && !path.EndsWith("/replay", StringComparison.Ordinal)
                && !path.EndsWith("/test", StringComparison.Ordinal) && !path.EndsWith("/portal-invitations", StringComparison.Ordinal))
            {
                // the CSV imports too; a replay, a webhook test and a portal invitation alone take none
                failures.Add($"{method} {path}: no request body declared");
            }

            if (responses["201"] is { } created && created["headers"]?["Location"] is null)
            {
                failures.Add($"{method} {path}: 201 without Location");
            }

            if (responses["429"] is { } limited && limited["headers"]?["Retry-After"] is null)
            {
                failures.Add($"{method} {path}: 429 without Retry-After");
            }

            if (responses["401"] is null && operation["security"] is not JsonArray { Count: 0 })
            {
                failures.Add($"{method} {path}: anonymous but requires the bearer key");
            }
        }

        Assert.Empty(failures);
        var getCreator = document["paths"]!["/api/v1/creators/{id}"]!["get"]!;
        Assert.Contains(getCreator["parameters"]!.AsArray(), p => (string)p!["name"]! == "If-None-Match");
        Assert.NotNull(getCreator["responses"]!["200"]!["headers"]!["ETag"]);
        Assert.NotNull(getCreator["responses"]!["304"]);
        Assert.Contains(document["paths"]!["/api/v1/creators"]!["post"]!["parameters"]!.AsArray(), p => (string)p!["name"]! == "Idempotency-Key");
        var redirect = document["paths"]!["/r/{code}"]!["get"]!["responses"]!.AsObject();
        Assert.Equal(["302", "400", "404", "410", "429", "503"], redirect.Select(r => r.Key).Order());
        Assert.NotNull(redirect["302"]!["headers"]!["Location"]);
    }

    [Fact]
    public async Task A_body_requires_only_what_its_validator_requires_and_an_answer_declares_every_property()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        string[] Required(string schema) => [.. (schemas[schema]!["required"]?.AsArray() ?? []).Select(r => (string)r!).Order(StringComparer.Ordinal)];

        // Nested and positional records: a client may leave out url, engagementRate, metricsAsOf, kpi, agreedFee, notes…
        Assert.Equal(["handle"], Required("SocialAccountInput")); // platform is checked by a Must, which the document cannot read
        Assert.Empty(Required("Objective"));
        Assert.Equal(["creatorId"], Required("AddRosterMemberBody"));
        Assert.Equal(["campaignId"], Required("CreateLinkRequest")); // creatorId only when no deliverableId is given
        Assert.Equal(["amount"], Required("Money"));
        Assert.Equal(["displayName"], Required("RegisterCreatorRequest")); // from the fields validator that the request's includes
        Assert.Equal(["brand", "name"], Required("CreateCampaignRequest"));

        // What the API answers carries every property, null included.
        Assert.Contains("url", Required("SocialAccountView"));
        Assert.Contains("deliverableId", Required("CreateLinkLinkView"));
        Assert.Contains("email", Required("CreatorView"));
    }

    [Fact]
    public async Task The_rights_check_s_optional_facts_are_declared_a_person_s_birth_date_and_whether_the_use_credits_the_author()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject()
            .Select(s => s.Value!["properties"] as JsonObject).OfType<JsonObject>().ToList();
        var person = Assert.Single(schemas, p => p["guardianConsents"] is not null && p["releaseEvidence"] is not null && p["releaseObtainedAt"] is not null
            && p["id"] is null);
        Assert.Equal("date", (string?)person["birthDate"]?["format"]);
        var check = Assert.Single(schemas, p => p["channel"] is not null && p["territory"] is not null && p["modification"] is not null
            && p["verdict"] is null);
        Assert.NotNull(check["attribution"]);
        Assert.Contains(schemas, p => p["releaseWithdrawnOn"] is not null && p["birthDate"] is not null); // the person as read back
    }
}
