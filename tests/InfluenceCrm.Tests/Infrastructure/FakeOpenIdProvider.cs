using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>
/// A stand-in OpenID provider on loopback: discovery, its signing key (RS256) and a token endpoint that redeems the codes
/// a test issued with <see cref="IssueCode"/> for an id_token of the test's choosing (claims, nonce, issuer, lifetime).
/// The app under test fetches all of it over real HTTP, and its OpenID Connect handler checks what it gets.
/// </summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, PendingToken> codes = new();
    private WebApplication? app;

    public string Authority { get; private set; } = "";

    private RsaSecurityKey Key => new(rsa) { KeyId = "test-key" };

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var p = rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "test-key", n = Base64UrlEncoder.Encode(p.Modulus),
                    e = Base64UrlEncoder.Encode(p.Exponent) } },
            });
        });
        app.MapPost("/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            if (!codes.TryRemove(form["code"].ToString(), out var pending))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var accessToken = "at-" + Guid.NewGuid().ToString("N");
            return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 3600, id_token = Sign(pending, accessToken) });
        });
        await app.StartAsync();
        Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private sealed record PendingToken(Dictionary<string, object> Claims, string Issuer, DateTime IssuedAt);

    /// <summary>A code the token endpoint will redeem for an id_token with these claims (plus iss, aud, iat, exp; <paramref name="age"/> old).</summary>
    public string IssueCode(IDictionary<string, object> claims, string? issuer = null, TimeSpan? age = null)
    {
        var code = "code-" + Guid.NewGuid().ToString("N");
        codes[code] = new PendingToken(new Dictionary<string, object>(claims), issuer ?? Authority, DateTime.UtcNow - (age ?? TimeSpan.Zero));
        return code;
    }

    /// <summary>Signed when redeemed, so that its at_hash names the access token issued with it.</summary>
    private string Sign(PendingToken pending, string accessToken)
    {
        var claims = new Dictionary<string, object>(pending.Claims)
        {
            ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = pending.Issuer,
            Audience = "influencecrm",
            Claims = claims,
            IssuedAt = pending.IssuedAt,
            NotBefore = pending.IssuedAt,
            Expires = pending.IssuedAt.AddMinutes(10),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        rsa.Dispose();
    }
}
