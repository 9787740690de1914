using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Console;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Platform.Http;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Contracts.Portal;

/// <summary>The console and its mail to a real SMTP server the test starts, for the creator's sign-in links.</summary>
public sealed class PortalPaymentsFixture() : ConsoleFixtureBase(DatabaseProvider.Sqlite)
{
    public SmtpTestServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["PublicBaseUrl"] = "https://crm.acme.example",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:From"] = "Acme CRM <crm@acme.example>",
        ["Email:PollIntervalMs"] = "100",
        ["Email:TimeoutSeconds"] = "5",
    };
}

/// <summary>
/// The creator's payments, invoicing details, rights and privacy in the portal, in Chromium on a phone (375 px) against the
/// real host and a real SMTP server: the creator signs in by the mailed link and sees a signed contract's milestones due; the
/// brand records a payment in the console; the creator sees it paid, with the day and the reference, in French. The creator
/// records their invoicing details (the IBAN typed with spaces) and the brand's console shows them with the IBAN masked;
/// the creator sees the release they gave and asks for erasure, which legal sees on the creator's page.
/// </summary>
public sealed partial class PortalPaymentsBrowserTests(PortalPaymentsFixture console) : IClassFixture<PortalPaymentsFixture>
{
    [Fact]
    public async Task The_creator_sees_a_milestone_paid_once_the_brand_records_the_payment_in_the_console()
    {
        var brand = await console.SignedInAsync(Roles.Brand);
        await console.Smtp.StartAsync();
        var client = console.Client();
        var m = Guid.NewGuid().ToString("N")[..8];
        var email = $"lea-{m}@example.com";
        var creator = (string)(await (await client.PostJson("/api/v1/creators", new
        {
            displayName = "Léa Martin",
            email,
            country = "FR",
            languages = new[] { "fr" },
            socialAccounts = new[] { new { platform = "instagram", handle = "lea" + m } },
        })).Expect(HttpStatusCode.Created))["id"]!;
        var campaign = (string)(await (await client.PostJson("/api/v1/campaigns", new { name = "Serum " + m, brand = "Acme" }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var member = await client.PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator });
        var memberId = (string)(await member.Expect(HttpStatusCode.Created))["id"]!;
        var deliverable = (string)(await (await client.PostJson($"/api/v1/campaigns/{campaign}/deliverables",
            new { rosterMemberId = memberId, platform = "instagram", format = "reel", market = "FR", dueOn = "2030-01-15" }))
                .Expect(HttpStatusCode.Created))["id"]!;
        var body = JsonNode.Parse(FuzzSeeds.Bodies["POST /api/v1/contracts"].Replace("{creatorId}", creator).Replace("{campaignId}", campaign)
            .Replace("{deliverableId}", deliverable).Replace("{unique}", m))!;
        var created = await client.PostJson("/api/v1/contracts", body);
        var contract = (string)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var sent = await client.Send(HttpMethod.Post, $"/api/v1/contracts/{contract}/status", new { status = "sent" }, ifMatch: created.ETag());
        await sent.Expect(HttpStatusCode.OK);
        await (await client.Send(HttpMethod.Post, $"/api/v1/contracts/{contract}/signature", new
        {
            documentUri = "https://docs.example.com/signed.pdf",
            sha256 = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a",
            signedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }, ifMatch: sent.ETag())).Expect(HttpStatusCode.OK);
        var asset = await (await client.PostJson("/api/v1/ugc/assets", new
        {
            sourceUrl = $"https://instagram.com/p/{m}",
            platform = "instagram",
            authorHandle = "@lea" + m,
            creatorId = creator,
            mediaType = "image",
            capturedAt = DateTimeOffset.UtcNow.AddDays(-1),
            people = new[] { new { description = "Léa in the garden", isMinor = false, parentalAuthorityHolders = 2 } },
        })).Expect(HttpStatusCode.Created);
        await (await client.PostJson($"/api/v1/ugc/assets/{(string)asset["id"]!}/people/{(string)asset["people"]![0]!["id"]!}/consents",
            new { kind = "release", evidence = "Signed on set", obtainedAt = DateTimeOffset.UtcNow.AddDays(-1) })).Expect(HttpStatusCode.OK);
        await (await client.PostJson($"/api/v1/creators/{creator}/portal-invitations", new { })).Expect(HttpStatusCode.OK);

        // The creator, on a phone, follows the mailed link (in French, the creator's language) and opens Payments.
        var mails = await console.Smtp.WaitForAsync(x => x.To.Mailboxes.Any(b => b.Address == email)
            && (x.TextBody ?? "").Contains("/portal/sign-in?token=", StringComparison.Ordinal));
        var link = new Uri(LinkPattern().Match(mails[0].TextBody ?? "").Value);
        var phone = await console.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = console.BaseAddress.ToString(),
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
        });
        phone.SetDefaultTimeout(60_000);
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/portal/", StringComparison.Ordinal)
            && !url.Contains("sign-in", StringComparison.Ordinal));
        await page.GotoAsync($"/portal/c/{creator}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Paiements", Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/payments", StringComparison.Ordinal));
        var due = page.Locator("[data-state=due]").Filter(new() { HasText = "On signature" });
        Assert.Contains("400,00 €", (await due.InnerTextAsync()).Replace('\u202f', ' ').Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-state=paid]").CountAsync());
        await NoSidewaysScrollAsync(page);
        await ConsoleFixture.AccessibleAsync(page);

        // The brand records the payment of the first milestone in the console, on the day the money left.
        await brand.GotoAsync($"/legal/contracts/{contract}");
        var yesterday = DateTime.UtcNow.AddDays(-1);
        await brand.GetByLabel("Référence du paiement On signature").FillAsync("VIR-" + m);
        await brand.GetByLabel("Payé le On signature").FillAsync(yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Pages.ContractsBrowserTests.SaveAsync(brand, "Enregistrer le paiement On signature");
        await brand.Locator($"tr:has-text('VIR-{m}')").WaitForAsync();

        // The creator sees it paid, with the day and the reference; the other milestone is still coming.
        await page.ReloadAsync();
        var paid = await page.Locator("[data-state=paid]").Filter(new() { HasText = "On signature" }).InnerTextAsync();
        Assert.Contains("Payée le " + yesterday.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), paid, StringComparison.Ordinal);
        Assert.Contains("VIR-" + m, paid, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("[data-state=due]").Filter(new() { HasText = "On publication" }).CountAsync());
        await ConsoleFixture.AccessibleAsync(page);

        // Profile: the invoicing details, typed as on a bank card (spaces, lower case); a wrong key is refused on its field first.
        await page.GetByRole(AriaRole.Link, new() { Name = "Profil", Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/profile", StringComparison.Ordinal));
        await page.GetByText("@lea" + m).WaitForAsync();
        await NoSidewaysScrollAsync(page);
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("summary", new() { HasText = "Modifier les coordonnées de facturation" }).ClickAsync();
        await page.GetByLabel("Nom ou raison sociale sur les factures").FillAsync("Léa Martin EI");
        await page.GetByLabel("Adresse postale").FillAsync("2 rue de Rivoli, 75004 Paris");
        await page.GetByLabel("SIRET").FillAsync("732 829 320 00074");
        await page.GetByLabel("IBAN").FillAsync("fr14 2004 1010 0505 0001 3m02 607");
        await Pages.ContractsBrowserTests.SaveAsync(page, "Enregistrer les coordonnées de facturation");
        await page.Locator("#iban-error").Filter(new() { HasText = "check digits" }).WaitForAsync();
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByLabel("IBAN").FillAsync("fr14 2004 1010 0505 0001 3m02 606");
        await Pages.ContractsBrowserTests.SaveAsync(page, "Enregistrer les coordonnées de facturation");
        await page.GetByText("Coordonnées de facturation enregistrées.").WaitForAsync();
        await page.GetByText("FR…2606").WaitForAsync();

        // The download of their data holds the invoicing details.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger mes données (JSON)" })
            .ClickAsync());
        var export = JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!;
        Assert.Equal("FR1420041010050500013M02606", (string)export["modules"]!["invoicing"]!["invoicingDetails"]!["iban"]!);

        // Rights: the release they gave, shown with the content.
        await page.GetByRole(AriaRole.Link, new() { Name = "Droits", Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/rights", StringComparison.Ordinal));
        await page.GetByText("Léa in the garden").First.WaitForAsync();
        await NoSidewaysScrollAsync(page);
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("summary", new() { HasText = "Retirer cette autorisation" }).ClickAsync();
        await Pages.ContractsBrowserTests.SaveAsync(page, "Retirer l’autorisation");
        await page.GetByText("L’autorisation est retirée").WaitForAsync();
        await page.GetByText("Retirée à compter du").WaitForAsync();

        // Privacy: an erasure request, which reaches legal on the creator's page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Profil", Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/profile", StringComparison.Ordinal));
        await page.GetByLabel("Message au service juridique (facultatif)").FillAsync("Merci d'effacer mes données " + m);
        await page.GetByLabel("Je demande à cette marque d’effacer mes données personnelles.").CheckAsync();
        await Pages.ContractsBrowserTests.SaveAsync(page, "Envoyer la demande d’effacement");
        await page.GetByText("Votre demande a été transmise au service juridique").WaitForAsync();

        var legal = await console.SignedInAsync(Roles.Legal);
        await legal.GotoAsync($"/creators/{creator}");
        await legal.GetByText("La personne a demandé l’effacement de ses données").WaitForAsync();
        await legal.GetByText("Merci d'effacer mes données " + m).WaitForAsync();
        await legal.GetByText("FR…2606").WaitForAsync();
        await ConsoleFixture.AccessibleAsync(legal);
    }

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{page.Url} scrolls sideways at 375 px");

    [GeneratedRegex(@"https?://\S+/portal/sign-in\?token=\S+")]
    private static partial Regex LinkPattern();
}
