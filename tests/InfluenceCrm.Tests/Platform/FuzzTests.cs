using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Platform;

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
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

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
        !(route.StartsWith("/api/", StringComparison.Ordinal) || route.StartsWith("/r/", StringComparison.Ordinal) || route.StartsWith("/health", StringComparison.Ordinal)
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
                node = part.StartsWith('[') ? node![int.Parse(part.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture)] : node![part.TrimStart('.')];
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

    private static readonly string[] HostileSegments =
    [
        "", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "cr_01JZZZZZZZZZZZZZZZZZZZZZZZ", "cmp_01J00000000000000000000000", "key_x", "x", new string('a', 5000),
        "%C3%A9%E6%BC%A2", "%FF%FE", "1%3BDROP%20TABLE%20x", "%7Bid%7D", "-1", "99999999999999999999", "%20", "null",
    ];

    private static readonly string[] QueryNames =
    [
        "limit", "cursor", "sort", "q", "from", "to", "status", "platform", "minFollowers", "maxFollowers", "stage", "campaignId", "market", "lang",
        "key", "creatorId", "tags", "tag", "country", "withinDays", "days", "format", "groupBy", "year", "assetId", "deliverableId",
    ];

    private static readonly string[] QueryValues =
    [
        "-1", "0", "abc", "100000", "99999999999999999999", "", "%00", "%FF", "%C3%A9", "2026-13-45", "2026-01-01T00:00:00%2B02:00", "1e308", "true",
        "eyJpZCI6IngifQ", "!!!", new string('q', 3000), "instagram", "FR", "cr_x", "-createdAt", "name,desc", "%E2%80%AE",
    ];

    private static readonly string[] HostileValues =
    [
        "null", "0", "-1", "1e308", "-9223372036854775809", "99999999999999999999999", "1.5", "true", "\"\"", "[]", "{}", "[null]", "{\"a\":{}}",
        "\"\\ud800\"", "\"a\\udfffb\"", "\"\\u0000\"", "\"" + new string('x', 100_000) + "\"", "\"https://bücher.example/\"", "\"https://例え.テスト/パス?q=ü\"",
        "\"javascript:alert(1)\"", "\"http://127.0.0.1/\"", "\"https://example.com/" + new string('p', 1900) + "\"", "\"2026-01-01T10:00:00+02:00\"",
        "\"0000-00-00\"", "\"9999-12-31T23:59:59.9999999-14:00\"", "\"cr_\"", "\"cmp_01JZZZZZZZZZZZZZZZZZZZZZZZ\"", "\"../../etc/passwd\"", "\"=HYPERLINK(1)\"",
        "\"Beauty\"", "[\"Beauty\",\"beauty\"]", "\"ＦＲ\"", "\"fr-FR\"", "\"\\u202e\"", "[" + string.Join(",", Enumerable.Repeat("\"x\"", 500)) + "]",
    ];

    private static readonly string[] HostileUrls =
    [
        "\"https://bücher.example/\"", "\"https://例え.テスト/パス?q=ü#frag ment\"", "\"https://example.com/" + new string('p', 1790) + "\"",
        "\"https://example.com/é?campagne=" + string.Concat(Enumerable.Repeat("é", 800)) + "\"", "\"https://exa mple.com/\"", "\"https://example.com/a b?c=d e\"",
        "\"https://xn--bcher-kva.example/%ZZ\"", "\"HTTPS://EXAMPLE.COM:443/X\"", "\"https://example.com:99999/\"", "\"https://[::1]/\"", "\"ftp://example.com/\"",
        "\"https://user:pw@example.com/\"", "\"https://example.com/\\r\\nSet-Cookie: a=b\"", "\"https://example.com/\\u0000\"",
    ];

    [GeneratedRegex("url|destination|link|permalink", RegexOptions.IgnoreCase)]
    private static partial Regex UrlField();

    private static readonly string?[] ContentTypes =
    [
        null, "text/plain", "application/xml", "text/csv", "multipart/form-data; boundary=x", "multipart/form-data", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16", "application/merge-patch+json", "image/png", "application/json; charset=latin1", "*/*",
    ];

    private static readonly string?[] Accepts = [null, "text/html", "application/xml", "image/png", "*/*", "application/json", "text/csv", "application/problem+json"];

    private static readonly string?[] Authorizations = [null, "Bearer nope", "Basic eDp5", "Bearer icrm_000000000000_AAAA"];

    private (HttpRequestMessage Request, string Mutation) Build(Operation operation, Random random, Pools pools)
    {
        var notes = new List<string>();
        var url = Regex.Replace(operation.Route, @"\{(\w+)(:[^}]*)?\}", m =>
        {
            var name = m.Groups[1].Value;
            if (random.Next(4) == 0)
            {
                var hostile = HostileSegments[random.Next(HostileSegments.Length)];
                notes.Add($"{{{name}}}={Shorten(hostile)}");
                return hostile;
            }

            return name switch
            {
                "code" => pools.Codes.Count > 0 ? pools.Codes[random.Next(pools.Codes.Count)] : "nocode",
                "token" => pools.Tokens.Count > 0 ? pools.Tokens[random.Next(pools.Tokens.Count)] : "notoken",
                "id" => pools.Pick(ResourceOf(operation.Route), random),
                _ => pools.Pick("{" + name + "}", random),
            };
        });
        if (random.Next(3) == 0)
        {
            var query = string.Join("&", Enumerable.Range(0, 1 + random.Next(3))
                .Select(_ => $"{QueryNames[random.Next(QueryNames.Length)]}={QueryValues[random.Next(QueryValues.Length)]}"));
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
            notes.Add("query " + Shorten(query));
        }

        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        var key = $"{operation.Method} {operation.Route.TrimEnd('/')}";
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            var seed = FuzzSeeds.Bodies.TryGetValue(key, out var b) ? Fill(b, pools, random) : PublicSeed(operation);
            var contentType = FuzzSeeds.ContentTypes.GetValueOrDefault(key, operation.Route.StartsWith("/consent/", StringComparison.Ordinal)
                ? "application/x-www-form-urlencoded" : "application/json");
            var (bytes, what) = MutateBody(seed, contentType, random);
            notes.Add(what);
            var content = new ByteArrayContent(bytes);
            if (random.Next(6) == 0)
            {
                contentType = ContentTypes[random.Next(ContentTypes.Length)]!;
                notes.Add($"content-type {contentType ?? "none"}");
            }

            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            request.Content = content;
        }

        var accept = Accepts[random.Next(Accepts.Length)];
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
            notes.Add($"accept {accept}");
        }

        var authorization = random.Next(8) == 0 ? Authorizations[random.Next(Authorizations.Length)] : "Bearer " + api.Key("admin");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (authorization != "Bearer " + api.Key("admin"))
        {
            notes.Add($"authorization {Shorten(authorization ?? "none")}");
        }

        if (random.Next(3) == 0)
        {
            var ifMatch = new[] { "\"1\"", "*", "garbage", "W/\"1\"", "\"999999999999999999999\"", "\"-1\"" }[random.Next(6)];
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            notes.Add($"if-match {ifMatch}");
        }

        if (random.Next(5) == 0)
        {
            var idempotencyKey = new[] { "k1", "K1", new string('k', 5000), "", "a b" }[random.Next(5)];
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            notes.Add($"idempotency-key {Shorten(idempotencyKey)}");
        }

        return (request, $"{operation.Method} {Shorten(url)} [{string.Join("; ", notes)}]");
    }

    private static string PublicSeed(Operation operation) =>
        operation.Route.StartsWith("/consent/", StringComparison.Ordinal) ? "decision=decline&textSha256=0000" : "{}";

    private static string ResourceOf(string route) => route switch
    {
        _ when route.StartsWith("/api/v1/creators", StringComparison.Ordinal) => "{creatorId}",
        _ when route.StartsWith("/api/v1/campaigns", StringComparison.Ordinal) => "{campaignId}",
        _ when route.StartsWith("/api/v1/performance/campaigns", StringComparison.Ordinal) => "{campaignId}",
        _ when route.StartsWith("/api/v1/reports/campaigns", StringComparison.Ordinal) => "{campaignId}",
        _ when route.StartsWith("/api/v1/contracts", StringComparison.Ordinal) => "{contractId}",
        _ when route.StartsWith("/api/v1/ugc/assets", StringComparison.Ordinal) => "{assetId}",
        _ when route.StartsWith("/api/v1/ugc/rights-requests", StringComparison.Ordinal) => "{requestId}",
        _ when route.StartsWith("/api/v1/ugc/grants", StringComparison.Ordinal) => "{grantId}",
        _ when route.StartsWith("/api/v1/links", StringComparison.Ordinal) => "{linkId}",
        _ => "{id}",
    };

    private const string Marker = "\"__fuzz__\"";

    /// <summary>The seed body with one mutation, as bytes (some mutations are not valid UTF-8).</summary>
    private static (byte[] Body, string What) MutateBody(string seed, string contentType, Random random)
    {
        var utf8 = Encoding.UTF8;
        if (!contentType.Contains("json", StringComparison.Ordinal))
        {
            return random.Next(6) switch
            {
                0 => (utf8.GetBytes(seed), "seed body"),
                1 => ([.. utf8.GetBytes(seed), 0xFF, 0xFE, 0xC3], "invalid UTF-8 appended"),
                2 => (utf8.GetBytes(seed + new string('x', 200_000)), "huge body"),
                3 => (utf8.GetBytes(seed.Replace(',', ';').Replace('=', '\u0000')), "separators swapped"),
                4 => ([], "empty body"),
                _ => (utf8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"decision\"\r\n\r\naccept\r\n--y--"), "broken multipart"),
            };
        }

        var node = JsonNode.Parse(seed)!;
        var leaves = Leaves(node).ToList();
        switch (random.Next(10))
        {
            case 0:
                return (utf8.GetBytes(seed), "seed body");
            case 1:
                if (node is JsonObject unknown)
                {
                    unknown["fuzzUnknown" + random.Next(10)] = random.Next(2) == 0 ? JsonValue.Create(1) : new JsonObject();
                }

                return (utf8.GetBytes(node.ToJsonString()), "unknown property");
            case 2:
                if (leaves.Count > 0)
                {
                    var (parent, name, _) = leaves[random.Next(leaves.Count)];
                    if (parent is JsonObject o)
                    {
                        o.Remove(name!);
                    }
                }

                return (utf8.GetBytes(node.ToJsonString()), "property removed");
            case 3:
                var text = node.ToJsonString();
                var cut = random.Next(text.Length);
                return (utf8.GetBytes(text[..cut]), $"truncated at {cut}");
            case 4:
                var whole = new[] { "", "null", "[]", "\"x\"", "1", new string('[', 2000) + new string(']', 2000), "{\"a\":1,\"a\":2}", "{,}", "\uFEFF{}" }[random.Next(9)];
                return (utf8.GetBytes(whole), $"whole body {Shorten(whole)}");
            case 5 when leaves.Count > 0:
                var (invalidParent, invalidName, invalidIndex) = leaves[random.Next(leaves.Count)];
                Replace(invalidParent, invalidName, invalidIndex, JsonValue.Create("__fuzz__"));
                var parts = node.ToJsonString().Split(Marker);
                return ([.. utf8.GetBytes(parts[0]), (byte)'"', 0x61, 0xFF, 0xC0, 0xAF, (byte)'"', .. utf8.GetBytes(string.Join(Marker, parts[1..]))],
                    $"invalid UTF-8 in {invalidName ?? "[" + invalidIndex + "]"}");
            default:
                if (leaves.Count == 0)
                {
                    return (utf8.GetBytes(seed), "seed body");
                }

                // URLs are where encodings bite (headers, IDNA, length with UTM parameters): half the value mutations aim at them.
                var urls = leaves.Where(l => l.Name is { } name && UrlField().IsMatch(name)).ToList();
                var aimAtUrl = urls.Count > 0 && random.Next(2) == 0;
                var (p, n, i) = aimAtUrl ? urls[random.Next(urls.Count)] : leaves[random.Next(leaves.Count)];
                var hostile = aimAtUrl ? HostileUrls[random.Next(HostileUrls.Length)] : HostileValues[random.Next(HostileValues.Length)];
                Replace(p, n, i, JsonValue.Create("__fuzz__"));
                return (utf8.GetBytes(node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
                    .Replace(Marker, hostile, StringComparison.Ordinal)), $"{n ?? "[" + i + "]"} = {Shorten(hostile)}");
        }
    }

    private static IEnumerable<(JsonNode Parent, string? Name, int Index)> Leaves(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    yield return (o, key, -1);
                    foreach (var x in Leaves(child))
                    {
                        yield return x;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, null, i);
                    foreach (var x in Leaves(a[i]))
                    {
                        yield return x;
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode parent, string? name, int index, JsonNode value)
    {
        if (parent is JsonObject o)
        {
            o[name!] = value;
        }
        else if (parent is JsonArray a)
        {
            a[index] = value;
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..40] + $"…({text.Length} chars)" : text;

    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return (int)hash;
    }
}
