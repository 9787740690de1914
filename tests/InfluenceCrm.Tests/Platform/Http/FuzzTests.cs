using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Platform.Http;

/// <summary>The fuzz test's host: a rate limit no fuzz run reaches, so every request meets the code under test.</summary>
public sealed class FuzzFixture : SqliteApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PermitsPerMinute"] = "10000000",
        ["RateLimiting:PublicPermitsPerMinute"] = "10000000",
        ["RateLimiting:ConsolePermitsPerMinute"] = "0", // anonymous console pages count per address: this one client sends thousands
    };
}

/// <summary>
/// Every mapped operation gets at least 100 mutated requests — one field at a time of a valid body replaced by a wrong
/// type, a null, a huge string, a lone surrogate, invalid UTF-8 or a hostile URL; unknown properties; malformed JSON;
/// other Accept and Content-Type values; path parameters of other prefixes and path traversal — in two passes, so that
/// what the first pass created (links to odd destinations, release forms) is followed by the second. Any 5xx fails, and
/// so does an error that is not an RFC 9457 problem with a type. Deterministic: each operation has its own seed.
/// </summary>
public sealed partial class FuzzTests(FuzzFixture api) : IClassFixture<FuzzFixture>
{
    private const int RequestsPerOperationAndPass = 50;
    // A bound against a hang, not a speed target: on 2 cores beside the rest of the suite (and other builds) a run took over 4 minutes.
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(8);

    private sealed record Operation(string Method, string Route);

    [Fact]
    public async Task No_operation_answers_a_5xx_or_a_non_problem_error_to_mutated_requests()
    {
        var operations = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => new Operation(m, e.RoutePattern.RawText!)))
            .Where(o => !o.Route.StartsWith("/bench", StringComparison.Ordinal))
            // Static files (the console's stylesheet, Blazor's script) are mapped without a leading slash: files, not operations.
            .Where(o => o.Route.StartsWith('/'))
            .Distinct().OrderBy(o => o.Method == "GET" ? 1 : 0).ThenBy(o => o.Route, StringComparer.Ordinal).ToList();
        Assert.True(operations.Count >= 70, $"only {operations.Count} operations found");

        var pools = await CreateResourcesAsync();
        var failures = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sent = operations.ToDictionary(o => o, _ => 0);
        var clock = Stopwatch.StartNew();
        var client = api.Visitor(); // redirects are answers to check, not to follow
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var operation in operations)
            {
                var random = new Random(StableHash($"{pass} {operation.Method} {operation.Route}"));
                for (var i = 0; i < RequestsPerOperationAndPass; i++)
                {
                    Assert.True(clock.Elapsed < Budget, $"The fuzz run exceeded its {Budget.TotalMinutes} minutes at {operation.Method} {operation.Route}.");
                    var (request, mutation) = Build(operation, random, pools);
                    HttpResponseMessage response;
                    try
                    {
                        response = await client.SendAsync(request);
                    }
                    catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
                    {
                        // The test server rethrows what escaped the pipeline: over a real socket, a 500 or a reset connection.
                        sent[operation]++;
                        failures.TryAdd($"{operation.Method} {operation.Route}: unhandled {e.GetType().Name}: {Shorten(e.Message)}", mutation);
                        continue;
                    }

                    using var disposeResponse = response;
                    sent[operation]++;
                    var body = await response.Content.ReadAsByteArrayAsync();
                    var problem = Check(operation, response, body);
                    if (problem is not null)
                    {
                        failures.TryAdd($"{operation.Method} {operation.Route}: {problem}", mutation);
                    }
                    else if ((int)response.StatusCode is >= 200 and < 300)
                    {
                        Harvest(body, pools);
                    }
                }
            }
        }

        Assert.All(sent, s => Assert.True(s.Value >= 100, $"{s.Key}: {s.Value} requests"));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{f.Key}\n    after: {f.Value}")));
    }

    private static bool IsConsolePage(string route) =>
        !(route.StartsWith("/api/", StringComparison.Ordinal) || route.StartsWith("/r/", StringComparison.Ordinal)
            || route.StartsWith("/health", StringComparison.Ordinal)
          || route.StartsWith("/openapi", StringComparison.Ordinal));

    /// <summary>Why the answer breaks the error contract, or null.</summary>
    private static string? Check(Operation operation, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            var text = Encoding.UTF8.GetString(body).ReplaceLineEndings(" ");
            return $"{status} {text[..Math.Min(text.Length, 160)]}";
        }

        // The test server passes any header through; Kestrel refuses a non-ASCII one and the client gets a 500 instead.
        foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            foreach (var value in values)
            {
                if (value.Any(ch => ch is < ' ' or > '~'))
                {
                    return $"{status} with a header {name} a server cannot send: {Shorten(value)}";
                }
            }
        }

        if (status < 400 || operation.Route.StartsWith("/consent/", StringComparison.Ordinal) || IsConsolePage(operation.Route))
        {
            return null; // the release form and the console answer people in HTML, errors included (checked by their own tests); never a 5xx
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} answered as {response.Content.Headers.ContentType?.MediaType ?? "(no content type)"}";
        }

        try
        {
            var problem = JsonNode.Parse(body)!;
            return (string?)problem["type"] is { Length: > 0 } && (int?)problem["status"] == status ? null : $"{status} problem without type or status";
        }
        catch (System.Text.Json.JsonException)
        {
            return $"{status} problem that is not JSON";
        }
    }

    private sealed class Pools
    {
        public Dictionary<string, List<string>> ByPlaceholder { get; } = [];
        public List<string> Codes { get; } = [];
        public List<string> Tokens { get; } = [];

        public void Add(string placeholder, string value)
        {
            if (!ByPlaceholder.TryGetValue(placeholder, out var list))
            {
                ByPlaceholder[placeholder] = list = [];
            }

            if (!list.Contains(value))
            {
                list.Add(value);
            }
        }

        public string Pick(string placeholder, Random random) =>
            ByPlaceholder.TryGetValue(placeholder, out var list) && list.Count > 0 ? list[random.Next(list.Count)] : "none_" + placeholder.Trim('{', '}');
    }

    /// <summary>One resource of each kind, so that valid ids reach the handlers and mutations meet real state.</summary>
    private async Task<Pools> CreateResourcesAsync()
    {
        var pools = new Pools();
        var client = api.Client();
        var (lastOperation, text) = ("", "");
        foreach (var (placeholder, operation, idPath) in FuzzSeeds.CreationOrder)
        {
            if (operation != lastOperation) // consecutive entries of one operation read one answer (a creator and its account)
            {
                var (method, route) = (operation.Split(' ')[0], operation.Split(' ')[1]);
                var url = Fill(route.Replace("{id}", ResourceOf(route), StringComparison.Ordinal), pools, new Random(1));
                var body = Fill(FuzzSeeds.Bodies[operation], pools, new Random(1));
                var contentType = FuzzSeeds.ContentTypes.GetValueOrDefault(operation, "application/json");
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
                {
                    Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)),
                });
                text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{operation} as seeded answered {(int)response.StatusCode}: {text}");
                lastOperation = operation;
            }

            JsonNode? node = JsonNode.Parse(text);
            foreach (var part in PathPart().Matches(idPath).Select(m => m.Value))
            {
                node = part.StartsWith('[') ? node![int.Parse(part.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture)]
                    : node![part.TrimStart('.')];
            }

            pools.Add(placeholder, (string)node!);
            Harvest(Encoding.UTF8.GetBytes(text), pools);
        }

        // A rights request by release form, so that the public consent page meets a real token.
        var form = await client.PostRaw("/api/v1/ugc/rights-requests", Fill(FuzzSeeds.Bodies["POST /api/v1/ugc/rights-requests"], pools, new Random(1))
            .Replace("\"method\":\"comment\"", "\"method\":\"release_form\"", StringComparison.Ordinal));
        Assert.True(form.IsSuccessStatusCode, await form.Content.ReadAsStringAsync());
        Harvest(await form.Content.ReadAsByteArrayAsync(), pools);
        Assert.NotEmpty(pools.Tokens);
        return pools;
    }

    [GeneratedRegex(@"\.?[A-Za-z]+|\[\d+\]")]
    private static partial Regex PathPart();

    /// <summary>Link codes and release-form tokens from successful answers, for the public pages.</summary>
    private static void Harvest(byte[] body, Pools pools)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }

        foreach (var value in Walk(node))
        {
            if (value.Name == "code" && value.Text is { Length: > 0 } code)
            {
                pools.Codes.Add(code);
            }
            else if (value.Name == "releaseFormUrl" && value.Text is { } url)
            {
                pools.Tokens.Add(url[(url.LastIndexOf('/') + 1)..]);
            }
        }
    }

    private static IEnumerable<(string Name, string? Text)> Walk(JsonNode? node, string name = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    foreach (var x in Walk(child, key))
                    {
                        yield return x;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var x in Walk(child, name))
                    {
                        yield return x;
                    }
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                yield return (name, s);
                break;
        }
    }

    private static string Fill(string template, Pools pools, Random random) =>
        Placeholder().Replace(template, m => m.Value == "{unique}" ? Guid.NewGuid().ToString("N")[..10] : pools.Pick(m.Value, random));

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();
}
