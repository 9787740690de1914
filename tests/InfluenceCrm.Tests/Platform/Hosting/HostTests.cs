using System.Net;
using System.Text;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Platform.Hosting;

public sealed class HostTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Health_endpoints_answer_without_a_key_and_ready_checks_the_database()
    {
        var live = await api.Anonymous().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await api.Anonymous().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.StartsWith("Healthy: Sqlite takes writes", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_and_the_docs_page_are_served()
    {
        var document = await (await api.Anonymous().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        Assert.NotNull(document["paths"]!["/api/v1/creators/{id}"]);
        Assert.Equal("bearer", (string)document["components"]!["securitySchemes"]!["ApiKey"]!["scheme"]!);
        var docs = await api.Anonymous().GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_operation_documents_its_own_body_under_a_schema_named_by_its_feature()
    {
        var document = await (await api.Anonymous().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.DoesNotContain(schemas, s => s.Key is "Request" or "Response" or "Body");

        // A client generated from the document creates a creator with the body this operation really takes.
        var create = document["paths"]!["/api/v1/creators"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var reference = (string)create["$ref"]!;
        Assert.Equal("#/components/schemas/RegisterCreatorRequest", reference);
        var properties = schemas["RegisterCreatorRequest"]!["properties"]!.AsObject();
        Assert.Contains("displayName", properties.Select(p => p.Key));
        Assert.Contains("socialAccounts", properties.Select(p => p.Key));
        Assert.Equal("#/components/schemas/CreateApiKeyRequest",
            (string)document["paths"]!["/api/v1/api-keys"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
    }

    [Fact]
    public async Task Every_operation_declares_its_errors_as_problems_and_anonymous_ones_no_401()
    {
        var document = await (await api.Anonymous().GetAsync("/openapi/v1.json")).Expect(HttpStatusCode.OK);
        var failures = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete"))
            {
                var responses = operation!["responses"]!.AsObject();
                var problems = responses.Where(r => r.Key.StartsWith('4') && r.Value!["content"]?["application/problem+json"] is not null).Select(r => r.Key).ToList();
                if (problems.Count == 0)
                {
                    failures.Add($"{method} {path}: no 4XX problem response");
                }

                if (path.StartsWith("/api/", StringComparison.Ordinal) && !problems.Contains("401"))
                {
                    failures.Add($"{method} {path}: no 401");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Null(document["paths"]!["/r/{code}"]!["get"]!["responses"]!["401"]); // the redirect is public
        Assert.NotNull(document["paths"]!["/api/v1/creators/{id}"]!["patch"]!["responses"]!["412"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-key")]
    [InlineData("Bearer icrm_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Requests_without_a_valid_key_answer_401_problem(string? authorization)
    {
        var client = api.Anonymous();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.GetAsync("/api/v1/creators");
        await response.Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_tampered_key_with_a_valid_prefix_is_refused()
    {
        var key = api.Key(Roles.Admin);
        var tampered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        await (await api.WithKey(tampered).GetAsync("/api/v1/creators")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_routes_answer_a_404_problem() =>
        await (await api.Client().GetAsync("/api/v1/nothing-here")).Expect(HttpStatusCode.NotFound);

    [Fact]
    public async Task A_body_over_the_limit_answers_413_and_writes_nothing()
    {
        var huge = "{\"displayName\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        var response = await api.Client().PostAsync("/api/v1/creators", new StringContent(huge, Encoding.UTF8, "application/json"));
        await response.Expect(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_idempotency_key_over_200_characters_is_refused() =>
        await (await api.Client().PostJson("/api/v1/creators", new { displayName = "Long key" }, new string('k', 201)))
            .Expect(HttpStatusCode.BadRequest);
}

public sealed class RateLimitedApiFixture : SqliteApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PermitsPerMinute"] = "3",
        ["RateLimiting:PublicPermitsPerMinute"] = "5",
    };
}

public sealed class RateLimitTests(RateLimitedApiFixture api) : IClassFixture<RateLimitedApiFixture>
{
    [Fact]
    public async Task The_api_is_limited_per_workspace_with_ratelimit_headers_and_health_never()
    {
        var viewer = api.Client(Roles.Viewer);
        for (var i = 0; i < 3; i++)
        {
            var allowed = await viewer.GetAsync("/api/v1/creators");
            await allowed.Expect(HttpStatusCode.OK);
            Assert.Equal("\"api\";q=3;w=60", allowed.Headers.GetValues("RateLimit-Policy").Single());
            Assert.Matches($"^\"api\";r={2 - i};t=([1-9]|[1-5][0-9]|60)$", allowed.Headers.GetValues("RateLimit").Single());
        }

        var limited = await viewer.GetAsync("/api/v1/creators");
        var problem = await limited.Expect(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Matches("^\"api\";r=0;t=", limited.Headers.GetValues("RateLimit").Single());
        Assert.Contains("workspace", (string)problem["detail"]!, StringComparison.Ordinal);

        // Another key of the same workspace adds no quota (and the 429 is a problem whatever the Accept header); another workspace goes on.
        var brand = api.Client(Roles.Brand);
        brand.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html");
        await (await brand.GetAsync("/api/v1/creators")).Expect(HttpStatusCode.TooManyRequests);
        await (await api.OtherWorkspace().GetAsync("/api/v1/creators")).Expect(HttpStatusCode.OK);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/ready")).StatusCode);
        }
    }

    [Fact]
    public async Task Public_pages_have_their_own_limit_per_client_address()
    {
        for (var i = 0; i < 5; i++)
        {
            await (await api.Visitor().GetAsync("/r/nosuchcode")).Expect(HttpStatusCode.NotFound);
        }

        var limited = await api.Visitor().GetAsync("/r/nosuchcode");
        await limited.Expect(HttpStatusCode.TooManyRequests);
        Assert.StartsWith("\"public\";q=5;w=60", limited.Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
    }
}
