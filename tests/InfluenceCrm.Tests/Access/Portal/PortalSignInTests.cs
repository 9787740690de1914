using System.Net;
using Dapper;
using InfluenceCrm.Platform;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Access.Portal;

/// <summary>
/// The portal's door: a brand invites a creator by mail (a real SMTP server), the creator signs in by the link without a password
/// — once, within 15 minutes —, anyone may ask for a link and learns nothing about the address, and the portal's session and the
/// console's never open each other.
/// </summary>
public sealed class PortalSignInTests(PortalApiFixture api) : IClassFixture<PortalApiFixture>
{
    private static string Address() => $"creator-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task An_invited_creator_gets_a_link_in_their_language_under_the_workspace_name_and_it_signs_in_once()
    {
        await api.Smtp.StartAsync();
        var email = Address();
        var creator = await PortalMail.CreatorAsync(api.Client(), "Lea Martin", email.ToUpperInvariant(), "en");

        var invited = await (await api.Client("brand").PostAsync($"/api/v1/creators/{creator}/portal-invitations", null)).Expect(HttpStatusCode.OK);
        Assert.Equal(email, (string)invited["sentTo"]!);
        Assert.Equal("en", (string)invited["language"]!);
        Assert.Null(invited["token"]); // the link goes to the mailbox only

        var (mail, token) = await PortalMail.LinkAsync(api.Smtp, email);
        Assert.Equal("Main brand opens its creator space to you", mail.Subject);
        Assert.Equal("Main brand", mail.From.Mailboxes.Single().Name);
        Assert.Contains("https://crm.acme.example/portal/sign-in?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("valid for 15 minutes and works once", mail.TextBody, StringComparison.Ordinal);

        var client = api.Anonymous();
        var signedIn = await PortalMail.SignInAsync(client, token);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("/portal/home", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        var home = await signedIn.Content.ReadAsStringAsync();
        Assert.Contains("Main brand", home, StringComparison.Ordinal);
        Assert.Contains($"href=\"/portal/c/{creator}\"", home, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", home, StringComparison.Ordinal); // the creator's language

        var again = await PortalMail.SignInAsync(api.Anonymous(), token);
        Assert.Equal("/portal", again.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("?link=invalid", again.RequestMessage.RequestUri.Query);

        // Signing out ends the session: the home page sends the visitor back to the portal's sign-in.
        var form = PortalMail.AntiforgeryToken(home);
        var signedOut = await client.PostAsync("/portal/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = form }));
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal("?signed-out=1", signedOut.RequestMessage!.RequestUri!.Query);
        var after = await client.GetAsync("/portal/home");
        Assert.Equal("/portal", after.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_link_past_15_minutes_signs_nobody_in_and_only_its_hash_is_kept()
    {
        await api.Smtp.StartAsync();
        var email = Address();
        var creator = await PortalMail.CreatorAsync(api.Client(), "Noé Petit", email);
        await (await api.Client().PostAsync($"/api/v1/creators/{creator}/portal-invitations", null)).Expect(HttpStatusCode.OK);
        var (mail, token) = await PortalMail.LinkAsync(api.Smtp, email);
        Assert.Contains("valable 15 minutes", mail.TextBody, StringComparison.Ordinal); // a French creator, a French mail

        await using var c = await api.Db.OpenAsync();
        var row = await c.QuerySingleAsync("SELECT token_hash, created_at, expires_at FROM platform_portal_links WHERE email = @email", new { email });
        Assert.Equal(Digest.Sha256Hex(token), (string)row.token_hash);
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_portal_links WHERE token_hash = @token", new { token }));
        Assert.Equal(TimeSpan.FromMinutes(15), DateTimeOffset.Parse((string)row.expires_at) - DateTimeOffset.Parse((string)row.created_at));

        // Sixteen minutes later (the row aged as the clock would have aged it):
        await c.ExecuteAsync("UPDATE platform_portal_links SET created_at = @created, expires_at = @expires WHERE email = @email", new
        {
            email,
            created = InfluenceCrm.Platform.Data.Db.SqliteTimestamp(DateTimeOffset.UtcNow.AddMinutes(-16)),
            expires = InfluenceCrm.Platform.Data.Db.SqliteTimestamp(DateTimeOffset.UtcNow.AddMinutes(-1)),
        });
        var late = await PortalMail.SignInAsync(api.Anonymous(), token);
        Assert.Equal("?link=invalid", late.RequestMessage!.RequestUri!.Query);
        var garbage = await PortalMail.SignInAsync(api.Anonymous(), "not-a-token");
        Assert.Equal("?link=invalid", garbage.RequestMessage!.RequestUri!.Query);
    }

    [Fact]
    public async Task Asking_for_a_link_answers_the_same_for_any_address_and_mails_only_an_invited_creator()
    {
        await api.Smtp.StartAsync();
        var invited = Address();
        var notInvited = Address();
        var creator = await PortalMail.CreatorAsync(api.Client(), "Inès Roux", invited);
        await PortalMail.CreatorAsync(api.Client(), "Hugo Blanc", notInvited); // a creator nobody invited
        await (await api.Client().PostAsync($"/api/v1/creators/{creator}/portal-invitations", null)).Expect(HttpStatusCode.OK);
        await PortalMail.LinkAsync(api.Smtp, invited);

        var answers = new List<string>();
        foreach (var address in new[] { invited, notInvited, Address() })
        {
            var client = api.Anonymous();
            var page = await client.GetStringAsync("/portal");
            var posted = await client.PostAsync("/portal", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "portal-link",
                ["__RequestVerificationToken"] = PortalMail.AntiforgeryToken(page),
                ["Input.Email"] = address,
            }));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            var html = await posted.Content.ReadAsStringAsync();
            answers.Add(System.Text.RegularExpressions.Regex.Replace(html, "value=\"[^\"]+\"", "value=\"…\""));
        }

        Assert.Single(answers.Distinct()); // the same page, byte for byte, whatever the address
        Assert.Contains("Si cette adresse est connue", answers[0], StringComparison.Ordinal);
        await PortalMail.LinkAsync(api.Smtp, invited, nth: 2); // the invited creator's second link arrives…
        await Task.Delay(1000);
        Assert.DoesNotContain(api.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == notInvited)); // …and nothing else was sent
    }

    [Fact]
    public async Task Inviting_needs_a_creator_of_this_workspace_with_an_address()
    {
        var withoutAddress = await PortalMail.CreatorAsync(api.Client(), "Sans Adresse", null);
        var problem = await (await api.Client().PostAsync($"/api/v1/creators/{withoutAddress}/portal-invitations", null)).Expect(HttpStatusCode.Conflict);
        Assert.Contains("no e-mail address", (string)problem["detail"]!, StringComparison.Ordinal);
        var elsewhere = await PortalMail.CreatorAsync(api.OtherWorkspace(), "Ailleurs", Address());
        await (await api.Client().PostAsync($"/api/v1/creators/{elsewhere}/portal-invitations", null)).Expect(HttpStatusCode.NotFound);
        await (await api.Client("viewer").PostAsync($"/api/v1/creators/{withoutAddress}/portal-invitations", null)).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_console_cookie_does_not_open_the_portal_nor_a_portal_cookie_the_console()
    {
        await api.Smtp.StartAsync();
        var console = await ConsoleSession.SignedInAsync(api, $"brand-{Guid.NewGuid():N}@acme.example", "brand");
        var portal = await console.GetAsync("/portal/home");
        Assert.Equal("/portal", portal.RequestMessage!.RequestUri!.AbsolutePath); // the portal's sign-in, not the console's

        var email = Address();
        var creator = await PortalMail.CreatorAsync(api.Client(), "Jade Morel", email);
        await (await api.Client().PostAsync($"/api/v1/creators/{creator}/portal-invitations", null)).Expect(HttpStatusCode.OK);
        var visitor = api.Visitor();
        var page = await visitor.GetAsync($"/portal/sign-in?token={Uri.EscapeDataString((await PortalMail.LinkAsync(api.Smtp, email)).Token)}");
        var cookies = page.Headers.GetValues("Set-Cookie").Select(h => h.Split(';')[0]).ToList();
        var html = await page.Content.ReadAsStringAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/portal/session")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = PortalMail.AntiforgeryToken(html),
                ["token"] = PortalMail.TokenIn(page.RequestMessage!.RequestUri!.PathAndQuery),
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        var session = await visitor.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, session.StatusCode);
        var portalCookie = session.Headers.GetValues("Set-Cookie").Single(h => h.StartsWith("influencecrm-portal=", StringComparison.Ordinal));
        Assert.Contains("path=/portal", portalCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", portalCookie, StringComparison.OrdinalIgnoreCase);

        // Even sent where the browser would never send it, the portal's cookie is no console session.
        using var creators = new HttpRequestMessage(HttpMethod.Get, "/creators");
        creators.Headers.Add("Cookie", portalCookie.Split(';')[0]);
        var refused = await visitor.SendAsync(creators);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/sign-in?ReturnUrl=%2Fcreators", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
