using System.Net;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfluenceCrm.Tests.Access.Sessions;

/// <summary>A stand-in identity provider on loopback: its discovery document only (the browser never gets further here).</summary>
public sealed class SingleSignOnFixture : SqliteApiFixture, IAsyncLifetime
{
    private WebApplication? provider;

    public string Authority { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:Oidc:Authority"] = Authority,
        ["Authentication:Oidc:ClientId"] = "influencecrm",
        ["Authentication:Oidc:ClientSecret"] = "secret",
        ["Authentication:Oidc:DisplayName"] = "Acme SSO",
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
    };

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        provider = builder.Build();
        provider.MapGet("/.well-known/openid-configuration", (HttpContext http) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        provider.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await provider.StartAsync();
        Authority = provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await InitializeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }
}

public sealed class SingleSignOnTests(SingleSignOnFixture api) : IClassFixture<SingleSignOnFixture>
{
    [Fact]
    public async Task The_sign_in_page_offers_the_provider_and_sends_people_there_with_pkce()
    {
        var page = await (await api.Anonymous().GetAsync("/sign-in")).Content.ReadAsStringAsync();
        Assert.Contains("Acme SSO", page, StringComparison.Ordinal);
        var challenge = await api.Visitor().GetAsync("/sign-in/sso");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith(api.Authority + "/authorize?", location);
        Assert.Contains("client_id=influencecrm", location);
        Assert.Contains("code_challenge=", location);
        Assert.Contains("email", Uri.UnescapeDataString(location.Split("scope=")[1].Split('&')[0]), StringComparison.Ordinal); // the verified address is what maps a person
    }

    [Fact]
    public async Task Only_a_member_or_an_invited_address_gets_in_and_the_invitation_is_used()
    {
        var people = api.Services.GetRequiredService<People>();
        Assert.Null(await people.FindOrAcceptInvitedAsync("stranger@elsewhere.example", "Stranger"));

        await people.InviteAsync(api.MainWorkspaceId, "New.Hire@Acme.example", Roles.Legal, "usr_admin");
        var person = await people.FindOrAcceptInvitedAsync("new.hire@acme.example", "New Hire");
        Assert.NotNull(person);
        Assert.Equal(Roles.Legal, await people.RoleAsync(person.Id, api.MainWorkspaceId));
        Assert.Empty(await people.PendingInvitationsAsync(api.MainWorkspaceId));
    }
}
