using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Contracts.Pages;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console.Days;

/// <summary>Legal's desk in a real browser: the rights check and its reasons, the disclosure check and its findings, grants.</summary>
public sealed class LegalBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    /// <summary>Registers an asset on legal's page in the browser; its id.</summary>
    private static async Task<string> RegisterAsync(IPage page, string platform, string url, string mediaType)
    {
        await page.GotoAsync("/legal/assets/new");
        await page.Locator("#sourceUrl").FillAsync(url);
        await page.Locator("#platform").SelectOptionAsync(platform);
        await page.Locator("#authorHandle").FillAsync("@camille.d");
        await page.Locator("#mediaType").SelectOptionAsync(mediaType);
        await ContractsBrowserTests.SaveAsync(page, "Enregistrer un contenu");
        await page.WaitForSelectorAsync("[role=status]:has-text('Contenu enregistré')");
        return new Uri(page.Url).AbsolutePath.Split('/').Last();
    }

    /// <summary>
    /// An asset with a grant, both recorded by legal in the browser: organic posts and the website, France and Belgium, the author
    /// credited, with a signed release as its evidence.
    /// </summary>
    private async Task<string> AssetWithGrantAsync()
    {
        var page = await console.SignedInAsync(Roles.Legal);
        var asset = await RegisterAsync(page, "instagram", "https://instagram.com/p/legal" + Guid.NewGuid().ToString("N")[..6], "image");
        await page.Locator("summary:has-text('Enregistrer une autorisation')").ClickAsync();
        await page.Locator("[id='terms.licensees']").FillAsync("Acme Beauty SAS");
        await page.Locator("[id='terms.channels-website']").CheckAsync();
        await page.Locator("[id='terms.territories']").SelectOptionAsync(["FR", "BE"]);
        await page.Locator("[id='terms.attributionRequired']").CheckAsync();
        await page.Locator("#evidence\\.kind").SelectOptionAsync("signed_document");
        await page.Locator("#evidence\\.reference").FillAsync("https://docs.example.com/release-42.pdf");
        await ContractsBrowserTests.SaveAsync(page, "Enregistrer une autorisation");
        await page.WaitForSelectorAsync("[role=status]:has-text('Autorisation enregistrée')");
        await page.Context.CloseAsync();
        return asset;
    }

    [Fact]
    public async Task Legal_runs_a_rights_check_and_reads_why_a_use_is_allowed_or_blocked_in_plain_words_with_the_legal_basis()
    {
        var asset = await AssetWithGrantAsync();
        var page = await console.SignedInAsync(Roles.Legal);
        await page.GetByRole(AriaRole.Link, new() { Name = "Espace juridique" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Espace juridique')");
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Vérification des droits" }).First.ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Vérification des droits')");
        await ConsoleFixture.AccessibleAsync(page);

        // Paid ads are not in the grant (organic posts and the website, France and Belgium): blocked, with the reason and its source.
        await page.Locator("#assetId").SelectOptionAsync(asset);
        await page.Locator("#channel").SelectOptionAsync("paid_social");
        await page.Locator("#territory").SelectOptionAsync("FR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("#verdict");
        Assert.Equal("Bloqué", await page.Locator("#verdict").InnerTextAsync());
        var reasons = await page.Locator(".verdict .reasons").InnerTextAsync();
        Assert.Contains("L'autorisation n'inclut pas ce canal", reasons, StringComparison.Ordinal);
        Assert.Contains("Fondement :", reasons, StringComparison.Ordinal);
        Assert.Contains("Publicités payantes sur les réseaux sociaux", await page.Locator(".verdict p").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("paid_social", await page.Locator(".verdict p").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // The same asset for organic posts in Belgium, crediting the author as the grant requires, is covered: the grant is named and opens.
        await page.Locator("#channel").SelectOptionAsync("organic_social");
        await page.Locator("#territory").SelectOptionAsync("BE");
        await page.Locator("#attribution").SelectOptionAsync("yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("#verdict:has-text('Autorisé')");
        Assert.Contains("Une autorisation couvre cet usage", await page.Locator(".verdict .reasons").InnerTextAsync(), StringComparison.Ordinal);

        // The batch form answers per asset, the assets picked by name.
        await page.Locator("#batch-assets").SelectOptionAsync(asset);
        await page.Locator("#batch-channel").SelectOptionAsync("email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tout vérifier" }).ClickAsync();
        await page.WaitForSelectorAsync("table:has-text('Résultats')");
        Assert.Equal(1, await page.Locator("table:has-text('Résultats') tbody tr").CountAsync());
        Assert.Contains("Bloqué", await page.Locator("table:has-text('Résultats')").InnerTextAsync(), StringComparison.Ordinal);

        // The grant: each right and channel in words; legal revokes it, and the check then says so.
        await page.GotoAsync($"/legal/assets/{asset}");
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("main ul a[href^='/legal/grants/']").First.ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Autorisation d')");
        await ConsoleFixture.AccessibleAsync(page);
        var terms = await page.Locator("dl.terms").First.InnerTextAsync();
        Assert.Contains("La montrer au public", terms, StringComparison.Ordinal);
        Assert.Contains("Publications organiques sur les réseaux sociaux", terms, StringComparison.Ordinal);
        Assert.Matches("France, Belgique|Belgique, France", terms);
        await page.GetByLabel("Motif").FillAsync("The creator asked us to stop");
        await page.GetByLabel("Je confirme la révocation").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Révoquer cette autorisation" }).ClickAsync();
        await page.WaitForSelectorAsync("[role=status]:has-text('révoquée')");
        await page.GotoAsync("/legal/rights-check?assetId=" + asset);
        await page.Locator("#channel").SelectOptionAsync("organic_social");
        await page.Locator("#territory").SelectOptionAsync("BE");
        await page.Locator("#attribution").SelectOptionAsync("yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("#verdict:has-text('Bloqué')");
    }

    [Fact]
    public async Task A_viewer_reads_grants_but_sees_no_revoke_control_and_a_forged_revocation_is_refused()
    {
        await AssetWithGrantAsync();
        var page = await console.SignedInAsync(Roles.Viewer, "en-GB");
        await page.GotoAsync("/legal/grants?status=active");
        await ConsoleFixture.AccessibleAsync(page);
        Assert.Contains("@camille.d", await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("table a").First.ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Grant of rights')");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Revoke this grant" }).CountAsync());
        var token = await page.EvaluateAsync<string?>("document.querySelector('input[name=__RequestVerificationToken]')?.value");
        var forged = await page.APIRequest.PostAsync(page.Url, new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("_handler", "revoke").Set("Form.Reason", "forged").Set("__RequestVerificationToken", token ?? ""),
        });
        Assert.Equal(403, forged.Status);

        // Contracts and the audit log are not a viewer's to read, as in the API.
        Assert.Equal(403, (await page.GotoAsync("/legal/contracts/ct_01J00000000000000000000000"))!.Status);
        Assert.Equal(403, (await page.GotoAsync("/legal/audit"))!.Status);
    }

    [Fact]
    public async Task Legal_checks_a_caption_s_disclosure_and_reads_each_finding_with_its_source()
    {
        var page = await console.SignedInAsync(Roles.Legal, "en-GB");
        await page.GotoAsync("/legal/disclosure-check");
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByLabel("Caption").FillAsync("Ma routine du matin avec ce sérum incroyable #skincare #glow");
        await page.GetByLabel("What the creator received").SelectOptionAsync("paid");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        try
        {
            await page.WaitForSelectorAsync("#verdict",
            new() { Timeout = 5000 });
        }
        catch (TimeoutException) { Assert.Fail(await page.Locator("main").InnerTextAsync()); }
        Assert.StartsWith("Fail", await page.Locator("#verdict").InnerTextAsync(), StringComparison.Ordinal);
        var findings = await page.Locator("table.findings").InnerTextAsync();
        Assert.Contains("Loi n° 2023-451", findings, StringComparison.Ordinal); // the French influencer law, as the rule's source
        await ConsoleFixture.AccessibleAsync(page);

        // Said clearly at the start, with the platform's label, it passes.
        await page.GetByLabel("Caption").FillAsync("Publicité – ma routine du matin avec ce sérum #skincare");
        await page.GetByLabel("Paid-partnership label shown").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("#verdict:has-text('Pass')");
    }

    [Fact]
    public async Task A_creator_accepts_the_release_form_on_a_phone_and_the_grant_appears_on_legal_s_desk()
    {
        // The admin brands the workspace: a logo (a real PNG) and the address for data questions.
        var admin = await console.SignedInAsync(Roles.Admin, "en-GB");
        await admin.GotoAsync("/settings/branding");
        await ConsoleFixture.AccessibleAsync(admin);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        await admin.Locator("#logo").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = png });
        await admin.GetByLabel("Privacy contact").FillAsync("privacy@acme.example");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await admin.WaitForSelectorAsync("[role=status]:has-text('Saved')");
        // A file that is not an image is refused next to its field, and the logo stays.
        await admin.Locator("#logo")
            .SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = "<svg onload=alert(1)>"u8.ToArray() });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await admin.WaitForSelectorAsync("#logo-error:has-text('PNG, JPEG or WebP')");
        Assert.Equal(1, await admin.Locator("img.logo").CountAsync());

        // Legal asks the author for the rights by the release form (TikTok's only way), the proposed terms chosen one by one.
        var legalFr = await console.SignedInAsync(Roles.Legal);
        await RegisterAsync(legalFr, "tiktok", "https://www.tiktok.com/@camille.d/video/7" + Random.Shared.NextInt64(100_000_000, 999_999_999), "video");
        await legalFr.Locator("summary:has-text('Demander les droits')").ClickAsync();
        Assert.Equal("release_form", await legalFr.Locator("#method").InputValueAsync());
        await legalFr.Locator("[id='proposedTerms.licensees']").FillAsync("Acme Beauty SAS");
        await legalFr.Locator("[id='proposedTerms.channels-website']").CheckAsync();
        await legalFr.Locator("[id='proposedTerms.territories']").SelectOptionAsync(["FR", "BE"]);
        await ContractsBrowserTests.SaveAsync(legalFr, "Envoyer la demande");
        var url = (await legalFr.Locator("[role=status] a[href*='/consent/']").GetAttributeAsync("href"))!;
        var asset = new Uri(legalFr.Url).AbsolutePath.Split('/').Last();
        await legalFr.Context.CloseAsync();

        // The creator opens the link on a phone: French, branded, each right in words, nothing wider than the screen.
        await using var phone = await console.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = console.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = "fr-FR",
        });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(url);
        await ConsoleFixture.AccessibleAsync(page, stylesheetMarker: false);
        Assert.Equal("Main brand peut-il utiliser votre contenu ?", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Main brand", await page.Locator("header img.logo").GetAttributeAsync("alt"));
        var terms = await page.Locator(".terms").InnerTextAsync();
        Assert.Matches("Le montrer au public : sur les publications de la marque sur ses réseaux sociaux et le site web de la marque ; pays : " +
            "(France et Belgique|Belgique et France)", terms);
        Assert.DoesNotContain("public_display", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains("privacy@acme.example", await page.Locator(".privacy").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("flex", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('form.answer')).display")); // its stylesheet applies
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways on a phone");

        var accept = await page.GetByRole(AriaRole.Button, new() { Name = "J'accepte ces conditions" }).BoundingBoxAsync();
        Assert.True(accept!.Height >= 44, $"the accept button is {accept.Height}px high: too small for a thumb");

        await page.GetByRole(AriaRole.Button, new() { Name = "J'accepte ces conditions" }).TapAsync();
        await page.WaitForSelectorAsync("h1:has-text('Merci')");
        await ConsoleFixture.AccessibleAsync(page, stylesheetMarker: false);
        Assert.Contains("Le montrer au public", await page.Locator(".terms").InnerTextAsync(), StringComparison.Ordinal); // their copy of what they agreed to

        // Opened again, the link says it is closed and why.
        await page.GotoAsync(url);
        Assert.Equal("Ce lien est clos", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("votre accord est enregistré", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // Legal sees the grant, with the release form as its evidence.
        var legal = await console.SignedInAsync(Roles.Legal, "en-GB");
        await legal.GotoAsync($"/legal/assets/{asset}");
        await legal.Locator("main ul a[href^='/legal/grants/']").First.ClickAsync();
        await legal.WaitForSelectorAsync("h1:has-text('Grant of rights')");
        Assert.Contains("The release form, accepted", await legal.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ugc-release-2/fr", await legal.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
