using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Contracts.Pages;
using InfluenceCrm.Tests.Console;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Contracts.Signing;

/// <summary>The real host with a real SMTP server: the portal's sign-in link arrives by mail.</summary>
public sealed class SigningBrowserFixture() : ConsoleFixtureBase(DatabaseProvider.Sqlite)
{
    public SmtpTestServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["PublicBaseUrl"] = "https://crm.acme.example", // the mailed link's host; the test opens its path on the real server
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:From"] = "Acme CRM <crm@acme.example>",
        ["Email:RetryScheduleSeconds"] = "0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5",
        ["Email:PollIntervalMs"] = "100",
        ["Email:TimeoutSeconds"] = "5",
    };
}

/// <summary>
/// Through browsers only (the workspace, creator and contract seeded over the API): the creator, invited by mail, signs in by
/// the link on a 375 px phone, reads the contract and its PDF, signs it online; the brand countersigns in the console; the
/// contract is signed, with both signatures' evidence on the brand's page. FR, axe clean, no sideways scroll.
/// </summary>
public sealed partial class SigningBrowserTests(SigningBrowserFixture fixture) : IClassFixture<SigningBrowserFixture>
{
    [Fact]
    public async Task The_creator_signs_in_the_portal_the_brand_countersigns_in_the_console_and_the_contract_is_signed()
    {
        await fixture.Smtp.StartAsync();
        var email = $"lea.{Guid.NewGuid().ToString("N")[..6]}@example.com";
        var creator = (string)(await (await fixture.Client().PostJson("/api/v1/creators",
            new { displayName = "Léa Martin", country = "FR", email, languages = new[] { "fr" } })).Expect(HttpStatusCode.Created))["id"]!;
        var terms = ContractsApiTests.CompleteTerms();
        terms["creator"]!["email"] = email;
        var (id, _) = await OnlineSigning.SentContractAsync(fixture, creator, terms);
        await (await fixture.Client(Roles.Brand).PostJson($"/api/v1/creators/{creator}/portal-invitations", new JsonObject())).Expect(HttpStatusCode.OK);
        var mail = Assert.Single(await fixture.Smtp.WaitForAsync(m => m.To.ToString().Contains(email, StringComparison.OrdinalIgnoreCase)));
        var link = new Uri(fixture.BaseAddress, SignInLink().Match(mail.TextBody ?? "").Value);

        // The creator, on a phone.
        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 375, Height = 800 },
        });
        phone.SetDefaultTimeout(60_000);
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link.PathAndQuery);
        await page.Locator("form button[type=submit]").ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => !url.Contains("/sign-in", StringComparison.Ordinal));
        await page.GotoAsync($"/portal/c/{creator}/contracts");
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Lancement sérum" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains($"/contracts/{id}", StringComparison.Ordinal));
        await page.Locator("h1:has-text('Lancement sérum')").WaitForAsync();
        await ConsoleFixture.AccessibleAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 375"), "The contract page scrolls sideways at 375 px.");
        Assert.Contains("Acme Beauty SAS", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // The PDF the page links is the one the API serves, with the hash the consent sentence names.
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Lire la version 1 (PDF)" }).GetAttributeAsync("href");
        var pdf = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, pdf.Status);
        var (_, sha) = await OnlineSigning.PdfAsync(fixture, id, 1);
        Assert.Equal(sha, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await pdf.BodyAsync())));
        Assert.Contains(sha, await page.Locator("label[for=sign-consent]").InnerTextAsync(), StringComparison.Ordinal);

        // Signing without ticking the consent is refused next to the box; then signed.
        await page.Locator("#sign-name").FillAsync("Léa Martin");
        await ContractsBrowserTests.SaveAsync(page, "Signer");
        Assert.True(await page.Locator("#consent-error").IsVisibleAsync());
        await page.Locator("#sign-consent").CheckAsync();
        await ContractsBrowserTests.SaveAsync(page, "Signer");
        Assert.Contains("Vous avez signé la version 1", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
        Assert.Equal("sent", (string)(await OnlineSigning.ContractAsync(fixture, id))["status"]!);

        // The brand countersigns in the console.
        var console = await fixture.SignedInAsync(Roles.Brand);
        await console.GotoAsync($"/legal/contracts/{id}");
        await console.Locator("#countersign-consent").WaitForAsync();
        await ConsoleFixture.AccessibleAsync(console);
        var evidence = await console.Locator("table.signatures").InnerTextAsync();
        Assert.Contains(email, evidence, StringComparison.Ordinal);
        Assert.Contains(sha, evidence, StringComparison.Ordinal);
        await console.Locator("#countersign-name").FillAsync("Brand Person");
        await console.Locator("#countersign-consent").CheckAsync();
        await ContractsBrowserTests.SaveAsync(console, "Contresigner");
        Assert.Contains("Contresigné", await console.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await console.Locator("table.signatures tbody tr").CountAsync());
        await ConsoleFixture.AccessibleAsync(console);

        var contract = await OnlineSigning.ContractAsync(fixture, id);
        Assert.Equal("signed", (string)contract["status"]!);
        Assert.Equal(["creator", "brand"], contract["signatures"]!.AsArray().Select(s => (string)s!["party"]!));
        Assert.Equal("Brand Person", (string)contract["signatures"]![1]!["fullName"]!);
        Assert.Equal(sha, (string)contract["signedDocument"]!["sha256"]!);
    }

    [GeneratedRegex(@"(?:https?://[^\s/]+)?/portal/sign-in\?token=[^\s""<>]+")]
    private static partial Regex SignInLink();
}
