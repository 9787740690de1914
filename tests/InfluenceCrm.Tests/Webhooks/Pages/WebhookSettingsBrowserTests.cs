using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Console;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Webhooks.Deliveries;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Webhooks.Pages;

/// <summary>The console's host with webhooks allowed to reach the tests' receiver on loopback, retried fast.</summary>
public sealed class WebhookConsoleFixture() : ConsoleFixtureBase(DatabaseProvider.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => WebhookFixture.FastRetries;
}

/// <summary>
/// An admin's webhook settings in a real browser, in English and in French: an endpoint created with its secret shown
/// once, a test event received and verified by a real receiver, its delivery and attempt listed, replayed, the secret
/// rotated and the endpoint disabled and enabled again, each destructive step confirmed first.
/// </summary>
public sealed class WebhookSettingsBrowserTests(WebhookConsoleFixture console) : IClassFixture<WebhookConsoleFixture>
{
    private sealed record Words(string Webhooks, string EventsLegend, string Delivered, string Succeeded, string Disabled, string Enabled);

    private static readonly Dictionary<string, Words> Texts = new()
    {
        ["en-GB"] = new("Webhooks", "Events to send", "Delivered", "Succeeded", "Disabled", "Enabled"),
        ["fr-FR"] = new("Webhooks", "Événements à envoyer", "Livré", "Réussie", "Désactivé", "Actif"),
    };

    private static ILocator Submit(IPage page, string form) => page.Locator($"form:has(input[name=_handler][value='{form}']) button[type=submit]");

    [Theory]
    [InlineData("en-GB")]
    [InlineData("fr-FR")]
    public async Task An_admin_creates_an_endpoint_tests_it_reads_its_deliveries_and_replays_one(string locale)
    {
        var words = Texts[locale];
        await using var receiver = await WebhookReceiver.StartAsync();
        var path = "/console-" + locale;
        var page = await console.SignedInAsync(Roles.Admin, locale);
        await page.GetByRole(AriaRole.Link, new() { Name = words.Webhooks, Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/settings/webhooks", StringComparison.Ordinal));
        Assert.Equal(words.EventsLegend, await page.Locator("fieldset legend").InnerTextAsync());
        await ConsoleFixture.AccessibleAsync(page);

        // Nothing filled in: the request's field errors, beside their fields.
        await Submit(page, "new-endpoint").ClickAsync();
        await page.Locator("#url-error").WaitForAsync();
        Assert.Equal(1, await page.Locator("#eventTypes-error").CountAsync());

        // Created: the secret is in the answer to the POST, and nowhere after.
        await page.Locator("#url").FillAsync(receiver.Url(path));
        await page.Locator("#description").FillAsync("Browser " + locale);
        await page.Locator("#event-creator-created").CheckAsync();
        await Submit(page, "new-endpoint").ClickAsync();
        var secret = await page.Locator("#webhook-secret").InnerTextAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = receiver.Url(path), Exact = true }).First.ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/settings/webhooks/whe_", StringComparison.Ordinal));
        await page.Locator("#endpoint-status").WaitForAsync(); // links are enhanced: the address changes before the page does
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
        var endpointUrl = page.Url;

        // A test event reaches the receiver, signed with that secret.
        await Submit(page, "test").ClickAsync();
        await page.Locator("p.alert-success").WaitForAsync();
        var got = (await receiver.WaitAsync(path, r => r.Count >= 1)).Single();
        Assert.True(WebhookTests.SignedBy(secret, got), $"signature {got.Signature} does not verify");
        Assert.Equal("webhook.test", (string)JsonNode.Parse(got.Body)!["type"]!);

        // Its delivery and attempt are listed (the dispatcher records the answer just after sending it).
        await page.GotoAsync(endpointUrl + "/deliveries");
        var status = page.Locator("section.delivery .badge").First;
        for (var i = 0; i < 50 && !(await status.InnerTextAsync()).Equals(words.Delivered, StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        var delivery = page.Locator("section.delivery").First;
        Assert.Equal(words.Delivered, await delivery.Locator(".card-header .badge").InnerTextAsync());
        Assert.Contains("webhook.test", await delivery.Locator("h2").InnerTextAsync(), StringComparison.Ordinal);
        var attempt = delivery.Locator("tbody tr").First;
        Assert.Equal(words.Succeeded, await attempt.Locator("td").Nth(1).InnerTextAsync());
        Assert.Equal("200", await attempt.Locator("td").Nth(2).InnerTextAsync());
        await ConsoleFixture.AccessibleAsync(page);

        // Replayed: the receiver gets the same webhook-id again.
        await delivery.Locator("form button[type=submit]").ClickAsync();
        await page.Locator("p.alert-success").WaitForAsync();
        var again = await receiver.WaitAsync(path, r => r.Count >= 2);
        Assert.Equal(got.Id, again[1].Id);
        Assert.Equal(2, await page.Locator("section.delivery").CountAsync());

        // Rotating asks first, then shows the new secret once; the old one still signs beside it.
        await page.GotoAsync(endpointUrl);
        await page.Locator("a[href$='?confirm=rotate']").ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("?confirm=rotate", StringComparison.Ordinal));
        await ConsoleFixture.AccessibleAsync(page);
        await Submit(page, "confirm-rotate").ClickAsync();
        var rotated = await page.Locator("#webhook-secret").InnerTextAsync();
        Assert.NotEqual(secret, rotated);
        Assert.StartsWith("whsec_", rotated, StringComparison.Ordinal);

        // Disabling asks first; enabled again in one step.
        await page.GotoAsync(endpointUrl);
        await page.Locator("a[href$='?confirm=disable']").ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("?confirm=disable", StringComparison.Ordinal));
        Assert.Equal(words.Enabled, await page.Locator("#endpoint-status").InnerTextAsync());
        await Submit(page, "confirm-disable").ClickAsync();
        await Assertions.Expect(page.Locator("#endpoint-status")).ToHaveTextAsync(words.Disabled);
        await Submit(page, "enable").ClickAsync();
        await Assertions.Expect(page.Locator("#endpoint-status")).ToHaveTextAsync(words.Enabled);
        await page.Context.CloseAsync();
    }
}
