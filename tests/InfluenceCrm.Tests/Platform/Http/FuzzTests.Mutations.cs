using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Platform.Http;

/// <summary>The fuzz test's mutations: hostile values, requests built from a seed, bodies changed one leaf at a time.</summary>
public sealed partial class FuzzTests
{
    private static readonly string[] HostileSegments =
    [
        "", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "cr_01JZZZZZZZZZZZZZZZZZZZZZZZ", "cmp_01J00000000000000000000000", "key_x", "x",
            new string('a', 5000),
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
        "\"\\ud800\"", "\"a\\udfffb\"", "\"\\u0000\"", "\"" + new string('x', 100_000) + "\"",
        "\"https://bücher.example/\"", "\"https://例え.テスト/パス?q=ü\"",
        "\"javascript:alert(1)\"", "\"http://127.0.0.1/\"", "\"https://example.com/" + new string('p', 1900) + "\"", "\"2026-01-01T10:00:00+02:00\"",
        "\"0000-00-00\"", "\"9999-12-31T23:59:59.9999999-14:00\"", "\"cr_\"", "\"cmp_01JZZZZZZZZZZZZZZZZZZZZZZZ\"", "\"../../etc/passwd\"", "\"=HYPERLINK(1)\"",
        "\"Beauty\"", "[\"Beauty\",\"beauty\"]", "\"ＦＲ\"", "\"fr-FR\"", "\"\\u202e\"", "[" + string.Join(",", Enumerable.Repeat("\"x\"", 500)) + "]",
    ];

    private static readonly string[] HostileUrls =
    [
        "\"https://bücher.example/\"", "\"https://例え.テスト/パス?q=ü#frag ment\"", "\"https://example.com/" + new string('p', 1790) + "\"",
        "\"https://example.com/é?campagne=" + string.Concat(Enumerable.Repeat("é", 800)) + "\"", "\"https://exa mple.com/\"",
            "\"https://example.com/a b?c=d e\"",
        "\"https://xn--bcher-kva.example/%ZZ\"", "\"HTTPS://EXAMPLE.COM:443/X\"", "\"https://example.com:99999/\"", "\"https://[::1]/\"",
            "\"ftp://example.com/\"",
        "\"https://user:pw@example.com/\"", "\"https://example.com/\\r\\nSet-Cookie: a=b\"", "\"https://example.com/\\u0000\"",
    ];

    [GeneratedRegex("url|destination|link|permalink", RegexOptions.IgnoreCase)]
    private static partial Regex UrlField();

    private static readonly string?[] ContentTypes =
    [
        null, "text/plain", "application/xml", "text/csv", "multipart/form-data; boundary=x", "multipart/form-data", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16", "application/merge-patch+json", "image/png", "application/json; charset=latin1", "*/*",
    ];

    private static readonly string?[] Accepts = [null, "text/html", "application/xml", "image/png", "*/*", "application/json", "text/csv",
        "application/problem+json"];

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
                var whole = new[] { "", "null", "[]", "\"x\"", "1", new string('[', 2000) + new string(']',
                    2000), "{\"a\":1,\"a\":2}", "{,}", "\uFEFF{}" }[random.Next(9)];
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
                var options = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
                return (utf8.GetBytes(node.ToJsonString(options)
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
