using System.Globalization;
using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Console;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Creators.Pages;

/// <summary>
/// A creator kept up to date in a real browser, in French and in English: added by hand, an account edited, another added
/// and removed after a confirmation, tags and do-not-contact set (the stage menu then offers no outreach), a minor's legal
/// representative added and removed. Each result is shown; every page passes axe.
/// </summary>
public sealed class CreatorPagesBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private static Func<string, string, string> In(string locale) => (fr, en) => locale.StartsWith("fr", StringComparison.Ordinal) ? fr : en;

    private static async Task DoneAsync(IPage page, string message) => await page.WaitForSelectorAsync($"[role=status] >> text={message}");

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public async Task A_creator_is_added_by_hand_and_their_accounts_tags_and_representatives_kept_in_the_browser(string locale)
    {
        var w = In(locale);
        var page = await console.SignedInAsync(Roles.Brand, locale);
        var unique = Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/creators/new");
        await page.GetByLabel(w("Nom", "Name"), new() { Exact = true }).FillAsync($"Noé Main {unique}");
        await page.GetByLabel(w("Plateforme", "Platform"), new() { Exact = true }).SelectOptionAsync("instagram");
        await page.GetByLabel(w("Identifiant", "Handle"), new() { Exact = true }).FillAsync("noe" + unique);
        await page.GetByRole(AriaRole.Button, new() { Name = w("Ajouter le créateur", "Add the creator") }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/creators/cr_", StringComparison.Ordinal));
        var creatorId = page.Url.Split("/creators/")[1].Split('?')[0];

        // The account's followers edited in place.
        await page.Locator("summary", new() { HasText = w("Modifier", "Edit") }).First.ClickAsync();
        await page.GetByLabel(w("Abonnés", "Followers"), new() { Exact = true }).First.FillAsync("30000");
        await page.GetByRole(AriaRole.Button, new() { Name = w("Enregistrer le compte", "Save the account") + " noe" + unique }).ClickAsync();
        await DoneAsync(page, w("Le compte a été enregistré.", "The account was saved."));
        var accounts = (await page.Locator("table").First.InnerTextAsync()).Replace('\u202f', '\u00a0');
        Assert.Contains(30000.ToString("N0", CultureInfo.GetCultureInfo(locale)).Replace('\u202f', '\u00a0'), accounts);

        // A second account added, then removed after a confirmation.
        await page.Locator("#new-platform").SelectOptionAsync("tiktok");
        await page.Locator("#new-handle").FillAsync("noett" + unique);
        await page.GetByRole(AriaRole.Button, new() { Name = w("Ajouter un compte", "Add an account"), Exact = true }).ClickAsync();
        await DoneAsync(page, w("Le compte a été ajouté.", "The account was added."));
        await ConsoleFixture.AccessibleAsync(page);
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = w("Oui, retirer", "Yes, remove") + " noett" + unique });
        Assert.False(await confirm.IsVisibleAsync()); // one click is not enough
        await page.Locator("summary", new() { HasText = w("Retirer…", "Remove…") + " noett" + unique }).ClickAsync();
        await confirm.ClickAsync();
        await DoneAsync(page, w("Le compte a été retiré.", "The account was removed."));
        Assert.DoesNotContain("noett" + unique, await page.Locator("table").First.InnerTextAsync());

        // Tags and do-not-contact: outreach is then off the stage menu.
        await page.GetByLabel(w("Étiquettes (séparées par des virgules)", "Tags (comma-separated)")).FillAsync("beauté, skincare");
        await page.GetByLabel(w("Ne pas contacter", "Do not contact"), new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = w("Enregistrer", "Save"), Exact = true }).ClickAsync();
        await DoneAsync(page, w("Modifications enregistrées.", "Changes saved."));
        Assert.Contains("skincare", await page.Locator("main p").First.InnerTextAsync());
        var stages = await page.GetByLabel(w("Passer à", "Move to")).Locator("option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)");
        Assert.Equal(new[] { "ended" }, stages);

        // A minor: the birth date says so, and a parent is added then removed.
        var fifteenYearsAgo = DateTime.UtcNow.AddYears(-15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByLabel(w("Date de naissance", "Date of birth"), new() { Exact = false }).FillAsync(fifteenYearsAgo);
        await page.GetByLabel(w("Mineur (moins de 18 ans)", "Under 18")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = w("Enregistrer", "Save"), Exact = true }).ClickAsync();
        await DoneAsync(page, w("Modifications enregistrées.", "Changes saved."));
        await page.GetByLabel(w("Nom complet", "Full name")).FillAsync("Claire Parent");
        await page.GetByLabel(w("Lien", "Relationship"), new() { Exact = true }).SelectOptionAsync("parent");
        await page.Locator("#rep-email").FillAsync("not-an-email");
        await page.EvaluateAsync("document.getElementById('rep-email').type = 'text'");
        var add = page.GetByRole(AriaRole.Button, new() { Name = w("Ajouter un représentant", "Add a representative"), Exact = true });
        await add.ClickAsync();
        await page.Locator("[id='legalRepresentatives[0].email-error']").WaitForAsync();
        Assert.Equal("Claire Parent", await page.GetByLabel(w("Nom complet", "Full name")).InputValueAsync()); // kept
        await page.Locator("#rep-email").FillAsync("claire@example.com");
        await add.ClickAsync();
        await DoneAsync(page, w("Le représentant a été ajouté.", "The representative was added."));
        await ConsoleFixture.AccessibleAsync(page);
        var stored = await (await console.Client().GetAsync($"/api/v1/creators/{creatorId}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Claire Parent", (string)stored["legalRepresentatives"]![0]!["fullName"]!);
        Assert.True((bool)stored["doNotContact"]!);
        Assert.Equal(new[] { "beauté", "skincare" }, stored["tags"]!.AsArray().Select(t => (string)t!).Order());
        await page.Locator("summary", new() { HasText = "Claire Parent" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = w("Oui, retirer", "Yes, remove") + " Claire Parent" }).ClickAsync();
        await DoneAsync(page, w("Le représentant a été retiré.", "The representative was removed."));
        stored = await (await console.Client().GetAsync($"/api/v1/creators/{creatorId}")).Expect(HttpStatusCode.OK);
        Assert.Empty(stored["legalRepresentatives"]!.AsArray());
    }
}
