using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Webhooks.Deliveries;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console;

/// <summary>The console's host with a real SMTP server (the invitation's mail) and webhooks allowed to reach the tests' receiver on loopback.</summary>
public sealed class AdminDayFixture() : ConsoleFixtureBase(DatabaseProvider.Sqlite)
{
    public SmtpTestServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(WebhookFixture.FastRetries)
    {
        ["PublicBaseUrl"] = "https://crm.acme.example", // the mail's links; the test opens the link's path on this host
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:From"] = "Acme CRM <crm@acme.example>",
        ["Email:PollIntervalMs"] = "100",
        ["Email:TimeoutSeconds"] = "5",
    };
}

/// <summary>
/// An admin's day in a real browser, in French and in English, with no API call outside the browser: a colleague invited
/// (the mail arrives at a real SMTP server, the link opens and they join with the least privilege), an API key created
/// (viewer by default, integration chosen, it works, revoked after a confirmation) and a webhook endpoint created whose
/// test delivery reaches a real receiver, signed, and is listed as delivered.
/// </summary>
public sealed partial class AdminDayBrowserTests(AdminDayFixture console) : IClassFixture<AdminDayFixture>
{
    private sealed record Words(string Settings, string Invite, string Keys, string CreateKey, string Revoke, string Confirm, string Webhooks,
        string SendTest, string Deliveries, string Delivered, string Join, string Today);

    private static readonly Dictionary<string, Words> Texts = new()
    {
        ["en-GB"] = new("Settings", "Invite", "API keys and calendar feeds", "Create a key", "Revoke", "Confirm", "Webhooks",
            "Send a test event", "Deliveries", "Delivered", "Join", "Today"),
        ["fr-FR"] = new("Paramètres", "Inviter", "Clés d'API et flux d'agenda", "Créer une clé", "Révoquer", "Confirmer", "Webhooks",
            "Envoyer un événement de test", "Envois", "Livré", "Rejoindre", "Aujourd'hui"),
    };

    [GeneratedRegex(@"/invitations/([A-Za-z0-9_-]{43})")]
    private static partial Regex InvitationLink();

    [Theory]
    [InlineData("en-GB")]
    [InlineData("fr-FR")]
    public async Task An_admin_invites_a_colleague_creates_an_api_key_and_a_webhook_endpoint_with_a_test_delivery(string locale)
    {
        var words = Texts[locale];
        await console.Smtp.StartAsync();
        var page = await console.SignedInAsync(Roles.Admin, locale);

        // Invite: the least privilege is the default; the mail arrives and its link lets the colleague join.
        await page.GetByRole(AriaRole.Link, new() { Name = words.Settings, Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/settings/members", StringComparison.Ordinal));
        await ConsoleFixture.AccessibleAsync(page);
        var invited = $"new.{locale.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..6]}@example.com";
        Assert.Equal(Roles.Viewer, await page.Locator("#invite-role").InputValueAsync());
        await page.Locator("#invite-email").FillAsync(invited);
        await page.Locator("form:has(#invite-email) button[type=submit]").ClickAsync();
        await page.Locator("[role=status]").WaitForAsync();
        Assert.Contains(invited, await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(invited, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal); // pending
        await ConsoleFixture.AccessibleAsync(page);
        var mail = (await console.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == invited))).First();
        var token = InvitationLink().Match(mail.TextBody ?? "").Groups[1].Value;
        Assert.Equal(43, token.Length);

        var options = new BrowserNewContextOptions { BaseURL = console.BaseAddress.ToString(), Locale = locale };
        await using (var colleague = await console.Browser.NewContextAsync(options))
        {
            var joining = await colleague.NewPageAsync();
            await joining.GotoAsync($"/invitations/{token}");
            await ConsoleFixture.AccessibleAsync(joining);
            await joining.Locator("#name").FillAsync("New Colleague");
            await joining.Locator("#password").FillAsync("a long and fresh passphrase");
            await joining.GetByRole(AriaRole.Button, new() { Name = words.Join }).ClickAsync();
            await joining.WaitForSelectorAsync($"h1:has-text(\"{words.Today}\")");
            Assert.Equal(0, await joining.GetByRole(AriaRole.Link, new() { Name = words.Settings, Exact = true }).CountAsync()); // a viewer
        }

        // An API key: viewer by default; integration chosen; shown once; it answers; revoking asks first.
        await page.GetByRole(AriaRole.Link, new() { Name = words.Keys, Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/settings/access", StringComparison.Ordinal));
        Assert.Equal(Roles.Viewer, await page.Locator("#key-role").InputValueAsync());
        var keyName = "E-shop " + locale;
        await page.Locator("#key-name").FillAsync(keyName);
        await page.Locator("#key-role").SelectOptionAsync(Roles.Integration);
        await page.GetByRole(AriaRole.Button, new() { Name = words.CreateKey }).ClickAsync();
        var key = await page.Locator("code.secret").InnerTextAsync();
        Assert.StartsWith("icrm_", key, StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
        var withKey = new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + key } };
        Assert.Equal(200, (await page.APIRequest.GetAsync("/api/v1/creators", withKey)).Status);

        await page.GotoAsync("/settings/access");
        await page.Locator($"tr:has-text('{keyName}') a:has-text('{words.Revoke}')").ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("revoke=", StringComparison.Ordinal));
        Assert.Equal(200, (await page.APIRequest.GetAsync("/api/v1/creators", withKey)).Status); // nothing revoked before the confirmation
        var otherRows = page.Locator("main tbody tr:has(a.btn-outline-danger)"); // a row under the pointer keeps its links readable
        if (await otherRows.CountAsync() > 0)
        {
            await otherRows.First.HoverAsync();
        }

        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator($"tr:has-text('{keyName}') form button[type=submit]").ClickAsync();
        await page.Locator($"tr:has-text('{keyName}'):not(:has(form))").WaitForAsync();
        Assert.Equal(401, (await page.APIRequest.GetAsync("/api/v1/creators", withKey)).Status);

        // A webhook endpoint: its secret shown once; a test event reaches the receiver, signed; its delivery is listed as delivered.
        await using var receiver = await WebhookReceiver.StartAsync();
        var path = "/admin-day-" + locale;
        await page.GetByRole(AriaRole.Link, new() { Name = words.Webhooks, Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/settings/webhooks", StringComparison.Ordinal));
        await page.Locator("#url").FillAsync(receiver.Url(path));
        await page.Locator("#event-creator-created").CheckAsync();
        await page.Locator("form:has(#url) button[type=submit]").ClickAsync();
        var secret = await page.Locator("#webhook-secret").InnerTextAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = receiver.Url(path), Exact = true }).First.ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/settings/webhooks/whe_", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = words.SendTest }).ClickAsync();
        await page.Locator("p.alert-success").WaitForAsync();
        var got = (await receiver.WaitAsync(path, r => r.Count >= 1)).Single();
        Assert.True(WebhookTests.SignedBy(secret, got), $"signature {got.Signature} does not verify");
        Assert.Equal("webhook.test", (string)JsonNode.Parse(got.Body)!["type"]!);

        await page.GetByRole(AriaRole.Link, new() { Name = words.Deliveries, Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/deliveries", StringComparison.Ordinal));
        var status = page.Locator("section.delivery .card-header .badge").First;
        for (var i = 0; i < 50 && !(await status.InnerTextAsync()).Equals(words.Delivered, StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.Equal(words.Delivered, await status.InnerTextAsync());
        await ConsoleFixture.AccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
