using System.Net;
using Dapper;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Access.Portal;

/// <summary>
/// Closing the creator's portal to a creator: by the API and by the creator's portal page (after a confirmation), a session
/// already open loses the creator's pages at its next request, closing twice is harmless, and inviting again opens it again.
/// </summary>
public sealed class ClosePortalToCreatorTests(PortalApiFixture api) : IClassFixture<PortalApiFixture>
{
    [Fact]
    public async Task A_closed_portal_no_longer_opens_the_creator_s_pages_to_a_session_already_open()
    {
        await api.Smtp.StartAsync();
        var email = $"creator-{Guid.NewGuid():N}@example.com";
        var creator = await PortalMail.CreatorAsync(api.Client(), "Nina Ferme", email);
        var access = $"/api/v1/creators/{creator}/portal-invitations";
        Assert.False((bool)(await (await api.Client("brand").GetAsync(access)).Expect(HttpStatusCode.OK))["open"]!);
        await (await api.Client("brand").PostAsync(access, null)).Expect(HttpStatusCode.OK);
        var open = await (await api.Client("brand").GetAsync(access)).Expect(HttpStatusCode.OK);
        Assert.True((bool)open["open"]!);
        Assert.NotNull(open["invitedAt"]);

        var portal = api.Anonymous();
        await PortalMail.SignInAsync(portal, (await PortalMail.LinkAsync(api.Smtp, email)).Token);
        var home = await portal.GetAsync($"/portal/c/{creator}");
        Assert.Equal($"/portal/c/{creator}", home.RequestMessage!.RequestUri!.AbsolutePath);

        await (await api.Client("viewer").DeleteAsync(access)).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().DeleteAsync(access)).Expect(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client("brand").DeleteAsync(access)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.Client("brand").DeleteAsync(access)).StatusCode); // closing twice is harmless
        Assert.False((bool)(await (await api.Client("brand").GetAsync(access)).Expect(HttpStatusCode.OK))["open"]!);

        var closed = await portal.GetAsync($"/portal/c/{creator}");
        Assert.False(closed.StatusCode == HttpStatusCode.OK && closed.RequestMessage!.RequestUri!.AbsolutePath == $"/portal/c/{creator}",
            $"the closed portal still answered {(int)closed.StatusCode} at {closed.RequestMessage!.RequestUri}");
        Assert.DoesNotContain($"href=\"/portal/c/{creator}\"", await (await portal.GetAsync("/portal/home")).Content.ReadAsStringAsync(),
            StringComparison.Ordinal);

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @creator AND action = 'creator.portal_closed'", new { creator }));
    }

    [Fact]
    public async Task The_creator_s_portal_page_closes_it_after_a_confirmation()
    {
        await api.Smtp.StartAsync();
        var creator = await PortalMail.CreatorAsync(api.Client(), "Nina Page", $"creator-{Guid.NewGuid():N}@example.com", "en");
        await (await api.Client("brand").PostAsync($"/api/v1/creators/{creator}/portal-invitations", null)).Expect(HttpStatusCode.OK);
        var console = await ConsoleSession.SignedInAsync(api, $"brand-{Guid.NewGuid():N}@acme.example", "brand");
        using (await console.GetAsync("/console/culture?culture=en&back=/"))
        {
        }

        var page = $"/creators/{creator}/portal";

        var html = await console.GetStringAsync(page);
        Assert.Contains("The creator space is open to this creator", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"_handler\" value=\"portal-close\"", html, StringComparison.Ordinal); // one click only asks
        var confirm = await console.GetStringAsync(page + "?close=1");
        Assert.Contains("Close the creator space to this creator?", confirm, StringComparison.Ordinal);

        var token = PortalMail.AntiforgeryToken(confirm);
        var closed = await console.PostAsync(page + "?close=1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "portal-close",
        }));
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("?done=portal_closed", closed.RequestMessage!.RequestUri!.Query);
        Assert.Contains("The creator space is closed to this creator.", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((bool)(await (await api.Client("brand").GetAsync($"/api/v1/creators/{creator}/portal-invitations")).Expect(HttpStatusCode.OK))["open"]!);
    }
}
