using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using InfluenceCrm.Contracts;
using InfluenceCrm.Contracts.Features;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Contracts.Signing;

/// <summary>
/// Helpers of the signing tests: contracts made over the API, a version's PDF as the API serves it, and the creator's online
/// signature sent as the portal sends it — the real handler and database, behind a portal principal (the creator's workspace,
/// the creator as actor, the verified address) with a remote address and a user agent, as the portal's request carries them.
/// </summary>
internal static class OnlineSigning
{
    public const string Contracts = "/api/v1/contracts";

    public static async Task<string> CreatorAsync(ApiFixture api, string name) =>
        (string)(await (await api.Client().PostJson("/api/v1/creators", new { displayName = name, country = "FR" })).Expect(HttpStatusCode.Created))["id"]!;

    /// <summary>A contract made by legal and sent; its id and ETag.</summary>
    public static async Task<(string Id, string ETag)> SentContractAsync(ApiFixture api, string creatorId, JsonObject terms)
    {
        var created = await api.Client(Roles.Legal)
            .PostJson(Contracts, new JsonObject { ["creatorId"] = creatorId, ["title"] = "Lancement sérum", ["terms"] = terms });
        var id = (string)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var sent = await api.Client(Roles.Legal).Send(HttpMethod.Post, $"{Contracts}/{id}/status", new { status = "sent" }, ifMatch: created.ETag());
        await sent.Expect(HttpStatusCode.OK);
        return (id, sent.ETag());
    }

    public static async Task<(byte[] Bytes, string Sha256)> PdfAsync(ApiFixture api, string id, int version)
    {
        var response = await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/versions/{version}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(sha, response.Headers.GetValues("X-Content-SHA256").Single());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", response.Headers.GetValues("Repr-Digest").Single());
        return (bytes, sha);
    }

    public static async Task<JsonNode> ContractAsync(ApiFixture api, string id) =>
        await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}")).Expect(HttpStatusCode.OK);

    /// <summary>The creator signs in the portal: <see cref="SignContractOnline"/> behind the portal's principal.</summary>
    public static async Task<ContractView> CreatorSignsAsync(ApiFixture api, string creatorId, string contractId, int version, string sha256,
        string email = "lea@example.com", bool consent = true, string fullName = "Léa Martin")
    {
        using var scope = api.Services.CreateScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        http.Request.Headers.UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Test";
        http.User = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("portal_email", email), new Claim(ClaimTypes.Name, fullName),
            new Claim(ApiKeyAuthentication.WorkspaceClaim, api.MainWorkspaceId), new Claim(ApiKeyAuthentication.KeyClaim, creatorId),
            new Claim(ClaimTypes.Role, "creator"), new Claim("portal_creator", creatorId),
        ], "Portal", ClaimTypes.Name, ClaimTypes.Role));
        accessor.HttpContext = http;
        try
        {
            return await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new SignContractOnline.Request(contractId, version, sha256, fullName, consent, "fr"), TestContext.Current.CancellationToken);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    public static Task<HttpResponseMessage> CountersignAsync(ApiFixture api, string id, string etag, int version, string sha256, bool consent = true) =>
        api.Client(Roles.Brand).Send(HttpMethod.Post, $"{Contracts}/{id}/countersignature",
            new { termsVersion = version, pdfSha256 = sha256, fullName = "Marc Lefèvre", consent, language = "fr" }, ifMatch: etag);
}
