using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Platform.Http;

/// <summary>Every error is an RFC 9457 problem with a type, whatever the request's Accept header says.</summary>
public sealed class ErrorContractTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    public static readonly TheoryData<string?> Accepts = new([null, "text/html", "application/xml", "image/png", "*/*", "text/html,application/xhtml+xml;q=0.9"]);

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task Every_error_is_a_problem_whatever_the_accept_header(string? accept)
    {
        await Expect(HttpStatusCode.Unauthorized, api.Anonymous(), HttpMethod.Get, "/api/v1/creators", accept);
        await Expect(HttpStatusCode.NotFound, api.Client(), HttpMethod.Get, "/api/v1/nothing-here", accept);
        await Expect(HttpStatusCode.NotFound, api.Client(), HttpMethod.Get, "/api/v1/creators/cr_01JNOTHERE0000000000000000", accept);
        await Expect(HttpStatusCode.Forbidden, api.Client(Roles.Viewer), HttpMethod.Post, "/api/v1/creators", accept, """{"displayName":"x"}""");
        await Expect(HttpStatusCode.BadRequest, api.Client(), HttpMethod.Post, "/api/v1/creators", accept, """{"displayName":""");
        await Expect(HttpStatusCode.BadRequest, api.Client(), HttpMethod.Post, "/api/v1/creators", accept, """{"displayName":""}""");
        await Expect(HttpStatusCode.UnsupportedMediaType, api.Client(), HttpMethod.Post, "/api/v1/creators", accept, "<x/>", "application/xml");
        await Expect(HttpStatusCode.NotFound, api.Visitor(), HttpMethod.Get, "/r/nosuchcode", accept);
        await Expect(HttpStatusCode.NotFound, api.Client(), HttpMethod.Get, "/openapi/v2.json", accept);
    }

    [Theory]
    [InlineData("creators")]
    [InlineData("campaigns")]
    public async Task A_merge_patch_with_a_lone_surrogate_or_invalid_utf8_answers_400_and_changes_nothing(string resource)
    {
        var created = await api.Client().PostAsync($"/api/v1/{resource}", new StringContent(
            resource == "creators" ? """{"displayName":"Surrogate"}""" : """{"name":"Surrogate","brand":"Acme"}""", Encoding.UTF8, "application/json"));
        var id = (string)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var etag = created.ETag();

        var field = resource == "creators" ? "notes" : "brand";
        foreach (var patch in new[] { Encoding.UTF8.GetBytes($$"""{"{{field}}":"\ud800"}"""), [.. Encoding.UTF8.GetBytes($$"""{"{{field}}":"a"""), 0xFF, 0xC0, .. "\"}"u8] })
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/{resource}/{id}") { Content = new ByteArrayContent(patch) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            await (await api.Client().SendAsync(request)).Expect(HttpStatusCode.BadRequest);
        }

        var after = await api.Client().GetAsync($"/api/v1/{resource}/{id}");
        await after.Expect(HttpStatusCode.OK);
        Assert.Equal(etag, after.ETag());
    }

    private static async Task Expect(HttpStatusCode status, HttpClient client, HttpMethod method, string url, string? accept, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await client.SendAsync(request);
        var problem = await response.Expect(status);
        Assert.False(string.IsNullOrEmpty((string?)problem["type"]), $"{url}: no type in {problem.ToJsonString()}");
        Assert.NotNull((string?)problem["traceId"]);
    }
}
