using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Console;
using InfluenceCrm.Tests.Contracts.Pages;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.UgcRights.Pages;

/// <summary>
/// A lawyer's day with user content, through the browser only: an asset registered from a post's address, its rights requested
/// and the author's reply recorded, a grant recorded with its evidence, a use recorded, and the rights check answering with
/// reasons in the reader's language — never a raw code or a grant's id.
/// </summary>
public sealed class UgcRightsBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private static async Task<string> RegisterAsync(IPage page, string button, string handle)
    {
        await page.GotoAsync("/legal");
        await page.Locator("a[href='/legal/assets/new']").ClickAsync();
        await page.WaitForSelectorAsync("form[method=post] #sourceUrl");
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#sourceUrl").FillAsync("https://www.instagram.com/p/" + Guid.NewGuid().ToString("N")[..10]);
        await page.Locator("#authorHandle").FillAsync(handle);
        await page.Locator("#mediaType").SelectOptionAsync("image");
        await ContractsBrowserTests.SaveAsync(page, button);
        await page.WaitForSelectorAsync("[role=status]");
        return new Uri(page.Url).AbsolutePath.Split('/').Last();
    }

    [Fact]
    public async Task Legal_registers_an_asset_requests_its_rights_records_the_reply_and_a_grant_and_reads_the_check_in_French()
    {
        var page = await console.SignedInAsync(Roles.Legal);
        var asset = await RegisterAsync(page, "Enregistrer un contenu", "@camille.photo");
        Assert.Contains("Contenu enregistré", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // Rights asked for by comment with the approval hashtag; the author's reply with it grants the proposed terms.
        await page.Locator("summary:has-text('Demander les droits')").ClickAsync();
        await page.Locator("[id='proposedTerms.licensees']").FillAsync("Acme Beauté");
        await ContractsBrowserTests.SaveAsync(page, "Envoyer la demande");
        Assert.Contains("Droits demandés", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("summary:has-text('Enregistrer la réponse')").ClickAsync();
        await page.GetByLabel("Texte de la réponse").FillAsync("Avec plaisir #yesacme");
        await ContractsBrowserTests.SaveAsync(page, "Enregistrer la réponse");
        Assert.Contains("Accordée", await page.Locator("table:has(caption:has-text('Demandes de droits'))").InnerTextAsync(), StringComparison.Ordinal);

        // A second grant, recorded with its evidence (a signed release), for the website.
        await page.Locator("summary:has-text('Enregistrer une autorisation')").ClickAsync();
        await page.Locator("[id='terms.licensees']").FillAsync("Acme Beauté");
        await page.Locator("[id='terms.channels-website']").CheckAsync();
        await page.Locator("#evidence\\.kind").SelectOptionAsync("signed_document");
        await page.Locator("#evidence\\.reference").FillAsync("https://docs.example.com/releases/camille.pdf");
        await ContractsBrowserTests.SaveAsync(page, "Enregistrer une autorisation");
        Assert.Contains("Autorisation enregistrée", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("main ul a[href^='/legal/grants/']").CountAsync());

        // A use recorded on the website.
        await page.Locator("summary:has-text('Enregistrer une utilisation')").ClickAsync();
        await page.Locator("#usage-channel").SelectOptionAsync("website");
        await ContractsBrowserTests.SaveAsync(page, "Enregistrer une utilisation");
        Assert.Contains("Utilisation enregistrée", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // The check, the asset picked by its author's name: paid ads are not granted; the reason in French, no code, no id.
        await page.GotoAsync("/legal/rights-check?assetId=" + asset);
        await page.Locator("#channel").SelectOptionAsync("paid_social");
        await ContractsBrowserTests.SaveAsync(page, "Vérifier");
        Assert.Equal("Bloqué", await page.Locator("#verdict").InnerTextAsync());
        var reasons = await page.Locator(".verdict .reasons").InnerTextAsync();
        Assert.Contains("L'autorisation n'inclut pas Publicités payantes sur les réseaux sociaux", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("gr_", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("paid_social", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("Grant", reasons, StringComparison.Ordinal);
        Assert.Contains("@camille.photo", await page.Locator("#assetId option:checked").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
    }

    [Fact]
    public async Task Legal_records_a_grant_and_checks_a_use_in_English_and_a_field_error_shows_next_to_its_field()
    {
        var page = await console.SignedInAsync(Roles.Legal, "en-GB");
        await RegisterAsync(page, "Register an asset", "@sam.shoots");

        // No licensee: the error is next to the field, the form stays open with what was typed.
        await page.Locator("summary:has-text('Record a grant')").ClickAsync();
        await page.Locator("#evidence\\.reference").FillAsync("https://mail.example.com/thread/42");
        await page.Locator("#evidence\\.kind").SelectOptionAsync("email");
        await ContractsBrowserTests.SaveAsync(page, "Record a grant");
        Assert.True(await page.Locator("[id='terms.licensees-error']").IsVisibleAsync());
        Assert.Equal("https://mail.example.com/thread/42", await page.Locator("#evidence\\.reference").InputValueAsync());
        await page.Locator("[id='terms.licensees']").FillAsync("Acme Beauty");
        await ContractsBrowserTests.SaveAsync(page, "Record a grant");
        Assert.Contains("Grant recorded", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Rights check" }).First.ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Rights check')");
        await page.Locator("#channel").SelectOptionAsync("email");
        await page.Locator("#territory").SelectOptionAsync("FR");
        await ContractsBrowserTests.SaveAsync(page, "Check");
        Assert.Equal("Blocked", await page.Locator("#verdict").InnerTextAsync());
        var reasons = await page.Locator(".verdict .reasons").InnerTextAsync();
        Assert.Contains("The grant does not include E-mail", reasons, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("gr_", reasons, StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
    }
}
