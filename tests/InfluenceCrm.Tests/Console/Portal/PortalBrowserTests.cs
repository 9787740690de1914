using System.Security.Cryptography;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Tests.Access.Portal;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Media.Storage;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console;

/// <summary>The console and its mail to a real SMTP server the test starts: the portal's links arrive as a creator gets them.</summary>
public sealed class PortalConsoleFixture() : ConsoleFixtureBase(DatabaseProvider.Sqlite)
{
    public SmtpTestServer Smtp { get; } = new();

    // Mail needs an absolute base; the test follows the link's path on the server's free port.
    protected override IReadOnlyDictionary<string, string?> Settings => PortalMail.Settings(Smtp, "https://crm.acme.example");
}

/// <summary>
/// The creator's portal in Chromium against the real host and a real SMTP server, no API call but the seeding: the brand invites
/// a creator from the console, the creator signs in by the mailed link on a phone, uploads an image and a short video to a
/// planned deliverable, the brand sees both with the same SHA-256 and asks for changes, the creator resubmits, the brand approves.
/// </summary>
public sealed class PortalBrowserTests(PortalConsoleFixture console) : IClassFixture<PortalConsoleFixture>
{
    [Fact]
    public async Task A_creator_invited_by_mail_signs_in_by_the_link_uploads_a_draft_and_resubmits_until_the_brand_approves()
    {
        var brand = await console.SignedInAsync("brand");
        await console.Smtp.StartAsync();
        var email = $"lea-{Guid.NewGuid():N}@example.com";
        var creator = await PortalMail.CreatorAsync(console.Client(), "Léa Martin", email, "en");
        // Due within the week: the brand's Today lists drafts due within 90 days.
        var dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (campaign, deliverable) = await PortalMail.PlannedDeliverableAsync(console.Client(), creator, "Serum reel", dueOn);

        // The brand opens the portal to the creator from the creator's page.
        await brand.GotoAsync($"/creators/{creator}");
        await brand.GetByRole(AriaRole.Link, new() { Name = "Espace créateur", Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(brand, url => url.EndsWith("/portal", StringComparison.Ordinal));
        await ConsoleFixture.AccessibleAsync(brand);
        await brand.GetByRole(AriaRole.Button, new() { Name = "Envoyer un lien de connexion" }).ClickAsync();
        await brand.GetByRole(AriaRole.Status).Filter(new() { HasText = email }).WaitForAsync();

        // The creator, on a phone, follows the mailed link (in English, the creator's language).
        var (mail, _) = await PortalMail.LinkAsync(console.Smtp, email);
        Assert.Equal("Main brand opens its creator space to you", mail.Subject);
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"https?://\S+/portal/sign-in\?token=\S+").Value);
        var phone = await console.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = console.BaseAddress.ToString(),
            Locale = "fr-FR", // the browser asks for French: the link's language wins
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
        });
        phone.SetDefaultTimeout(60_000);
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link.PathAndQuery);
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/portal/home", StringComparison.Ordinal));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await NoSidewaysScrollAsync(page);
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByRole(AriaRole.Link).Filter(new() { HasText = "Main brand" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith($"/portal/c/{creator}", StringComparison.Ordinal));
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Serum reel" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains($"/deliverables/{deliverable}", StringComparison.Ordinal));
        await page.GetByText("Show the serum in daylight.").WaitForAsync();
        await NoSidewaysScrollAsync(page);
        await ConsoleFixture.AccessibleAsync(page);

        var image = MediaStorageTests<FileSystemMediaFixture>.Png(120, 90);
        var video = MediaStorageTests<FileSystemMediaFixture>.Mp4(30_000);
        await page.GetByLabel("Photos and videos").SetInputFilesAsync(
        [
            new FilePayload { Name = "serum.png", MimeType = "image/png", Buffer = image },
            new FilePayload { Name = "serum.mp4", MimeType = "video/mp4", Buffer = video },
        ]);
        await page.GetByLabel("Caption").FillAsync("Glow all summer #ad #AcmeSummer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("?done=submitted", StringComparison.Ordinal));
        await page.GetByText("Your draft was sent to the brand for review.").WaitForAsync();
        await ConsoleFixture.AccessibleAsync(page);

        // The brand's Today lists it; its page shows both files with the bytes the creator sent.
        await brand.GotoAsync("/");
        await brand.Locator($"#review + ul a[href$='/deliverables/{deliverable}']").WaitForAsync();
        await brand.GotoAsync($"/campaigns/{campaign}/deliverables/{deliverable}");
        var shown = await brand.Locator("figcaption code").AllTextContentsAsync();
        Assert.Equal([Sha256(image), Sha256(video)], shown);
        Assert.Equal(1, await brand.Locator("figure video").CountAsync());
        await brand.Locator("#comment").FillAsync("Brighter light, please.");
        await brand.GetByRole(AriaRole.Button, new() { Name = "Demander des modifications" }).ClickAsync();
        await brand.GetByText("Brighter light, please.").First.WaitForAsync();

        // The creator reads the comment and sends a new version; the brand approves it.
        await page.ReloadAsync();
        await page.GetByText("Brighter light, please.").WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Submit a new version" }).WaitForAsync();
        var brighter = MediaStorageTests<FileSystemMediaFixture>.Png(120, 91);
        await page.GetByLabel("Photos and videos").SetInputFilesAsync(new FilePayload { Name = "brighter.png", MimeType = "image/png", Buffer = brighter });
        await page.GetByLabel("Caption").FillAsync("Glow all summer, in daylight #ad #AcmeSummer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("?done=submitted", StringComparison.Ordinal));

        await brand.GotoAsync($"/campaigns/{campaign}/deliverables/{deliverable}");
        Assert.Equal([Sha256(brighter)], await brand.Locator("figcaption code").AllTextContentsAsync());
        await brand.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        await brand.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await page.ReloadAsync();
        await page.Locator(".badge[data-status=approved]").First.WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).CountAsync());

        // Switched to French, then signed out: the portal asks for a link again.
        await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains($"/deliverables/{deliverable}", StringComparison.Ordinal));
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/portal?signed-out", StringComparison.Ordinal));
        await page.GotoAsync("/portal/home");
        await ConsoleFixture.WaitForPageAsync(page, url => new Uri(url).AbsolutePath == "/portal");
        await ConsoleFixture.AccessibleAsync(page);
        await phone.CloseAsync();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, $"{page.Url} scrolls sideways at 375 px");
}
