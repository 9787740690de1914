using System.Globalization;
using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Console;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Campaigns.Pages;

/// <summary>
/// A brand manager's day in a real browser, in French and in English: a creator added by hand with an account, a campaign
/// with two objectives and a brief, the creator on its roster with a fee, a deliverable planned with a title, the draft
/// reviewed and approved, the campaign live, the publication recorded with its on-screen and spoken text (after a refused
/// try that keeps what was typed), then verified. Only the creator's draft goes through the API (the creator's side,
/// until the creator portal exists); every page is checked with axe.
/// </summary>
public sealed class BrandManagerDayBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private sealed record Words(string Locale, Func<string, string, string> Say)
    {
        public string this[string french, string english] => Say(french, english);
    }

    private static Words In(string locale) => new(locale, (fr, en) => locale.StartsWith("fr", StringComparison.Ordinal) ? fr : en);

    private static string Clean(string text) => text.Replace('\u202f', ' ').Replace('\u00a0', ' ');

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public async Task A_brand_manager_runs_a_campaign_from_a_new_creator_to_a_verified_publication(string locale)
    {
        var w = In(locale);
        var page = await console.SignedInAsync(Roles.Brand, locale);
        var unique = Guid.NewGuid().ToString("N")[..6];
        var creatorName = $"Léa Manuelle {unique}";

        // A creator added by hand: a wrong e-mail is refused next to its field, and what was typed stays.
        await page.GotoAsync("/creators");
        await page.GetByRole(AriaRole.Link, new() { Name = w["Ajouter un créateur", "Add a creator"], Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/creators/new", StringComparison.Ordinal));
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByLabel(w["Nom", "Name"], new() { Exact = true }).FillAsync(creatorName);
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("lea-at-example");
        await page.GetByLabel(w["Pays", "Country"], new() { Exact = true }).SelectOptionAsync("FR");
        await page.GetByLabel(w["Plateforme", "Platform"], new() { Exact = true }).SelectOptionAsync("instagram");
        await page.GetByLabel(w["Identifiant", "Handle"], new() { Exact = true }).FillAsync("@lea" + unique);
        await page.GetByLabel(w["Abonnés", "Followers"], new() { Exact = true }).FillAsync("25000");
        var create = page.GetByRole(AriaRole.Button, new() { Name = w["Ajouter le créateur", "Add the creator"] });
        await page.EvaluateAsync("document.getElementById('email').type = 'text'"); // past the browser's own check, to the server's
        await create.ClickAsync();
        await page.Locator("#email-error").WaitForAsync();
        Assert.Equal(creatorName, await page.GetByLabel(w["Nom", "Name"], new() { Exact = true }).InputValueAsync());
        Assert.Equal("@lea" + unique, await page.GetByLabel(w["Identifiant", "Handle"], new() { Exact = true }).InputValueAsync());
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync($"lea.{unique}@example.com");
        await create.ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/creators/cr_", StringComparison.Ordinal));
        Assert.Contains(w["Le créateur a été ajouté.", "The creator was added."], await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("lea" + unique, await page.Locator("table").First.InnerTextAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new() { Name = w["Comptes", "Accounts"], Exact = true }).CountAsync()); // no doubled heading
        await ConsoleFixture.AccessibleAsync(page);

        // A campaign with two objectives and a brief.
        await page.GotoAsync("/campaigns");
        await page.GetByRole(AriaRole.Link, new() { Name = w["Nouvelle campagne", "New campaign"] }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.EndsWith("/campaigns/new", StringComparison.Ordinal));
        await ConsoleFixture.AccessibleAsync(page);
        var campaignName = $"Sérum {unique}";
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByLabel(w["Nom", "Name"], new() { Exact = true }).FillAsync(campaignName);
        await page.GetByLabel(w["Marque", "Brand"], new() { Exact = true }).FillAsync("Acme Beauty");
        await page.GetByLabel("Instagram", new() { Exact = true }).CheckAsync();
        await page.GetByLabel(w["Visibilité (impressions)", "Visibility (impressions)"]).FillAsync("500000");
        await page.GetByLabel(w["Engagement (taux)", "Engagement (rate)"]).FillAsync("4.5");
        await page.GetByLabel(w["Ce que l'on demande aux créateurs", "What creators are asked to do"]).FillAsync("Montrer la texture du sérum au réveil.");
        await page.GetByLabel(w["À faire (un par ligne)", "Do's (one per line)"]).FillAsync("Lumière naturelle\nMontrer le flacon");
        await page.GetByLabel("Budget (EUR)").FillAsync("12000");
        await page.GetByLabel(w["Début", "Starts on"], new() { Exact = true }).FillAsync(today);
        var ends = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByLabel(w["Fin", "Ends on"], new() { Exact = true }).FillAsync(ends);
        await page.GetByRole(AriaRole.Button, new() { Name = w["Créer", "Create"], Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/campaigns/cmp_", StringComparison.Ordinal));
        var campaignId = page.Url.Split("/campaigns/")[1].Split('?')[0];
        Assert.Equal(campaignName, await page.Locator("h1").InnerTextAsync());
        var objectives = await page.Locator("ul.objectives").InnerTextAsync();
        Assert.Contains(w["Visibilité (impressions)", "Visibility (impressions)"], objectives);
        Assert.Contains(w["Engagement (taux)", "Engagement (rate)"], objectives);
        Assert.Contains("Montrer la texture du sérum au réveil.", await page.Locator("main").InnerTextAsync());
        Assert.Contains("Montrer le flacon", await page.Locator("main").InnerTextAsync());
        var calendar = await page.GetByRole(AriaRole.Link, new() { Name = w["Cette campagne dans le calendrier", "This campaign on the calendar"] })
            .GetAttributeAsync("href");
        Assert.Equal($"/calendar?campaignId={campaignId}&month={today[..7]}", calendar); // its month kept (no "&amp;month=")
        await ConsoleFixture.AccessibleAsync(page);

        // The creator joins the roster with a fee, and is confirmed.
        await page.GetByLabel(w["Chercher un créateur à ajouter", "Find a creator to add"]).FillAsync(creatorName);
        await page.GetByRole(AriaRole.Button, new() { Name = w["Rechercher", "Search"], Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("creatorQ=", StringComparison.Ordinal));
        await page.GetByLabel(w["Ajouter un créateur", "Add a creator"], new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = creatorName });
        await page.GetByLabel(w["Rémunération convenue (EUR)", "Agreed fee (EUR)"], new() { Exact = true }).FillAsync("1500");
        await page.GetByRole(AriaRole.Button, new() { Name = w["Ajouter", "Add"], Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync($"table >> text={creatorName}");
        var statusMenu = page.GetByLabel(w["Statut", "Status"] + " " + creatorName);
        Assert.DoesNotContain("removed", await statusMenu.Locator("option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)")); // removal is its own step
        await statusMenu.SelectOptionAsync("confirmed");
        await page.GetByRole(AriaRole.Button, new() { Name = w["Appliquer", "Apply"] + " " + creatorName }).ClickAsync();
        await page.WaitForSelectorAsync($"table >> text={w["Confirmé", "Confirmed"]}");
        Assert.Contains(w["1 500,00 €", "€1,500.00"], Clean(await page.Locator("table").First.InnerTextAsync()));

        // A deliverable planned with its title.
        await page.GetByLabel(w["Titre", "Title"], new() { Exact = true }).FillAsync("Reel routine du matin");
        await page.GetByLabel("Format", new() { Exact = true }).SelectOptionAsync("reel");
        await page.Locator("#dueOn").FillAsync(DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = w["Planifier un livrable", "Plan a deliverable"] }).ClickAsync();
        await page.WaitForSelectorAsync(".board >> text=Reel routine du matin");
        await ConsoleFixture.AccessibleAsync(page);
        var deliverablePath = await page.Locator(".board a", new() { HasText = "Reel routine du matin" }).GetAttributeAsync("href");

        // On the calendar, the creator is picked by name.
        await page.GotoAsync($"/calendar?month={DateTime.UtcNow.AddDays(3):yyyy-MM}");
        await page.GetByLabel(w["Créateur (nom)", "Creator (name)"]).FillAsync(creatorName);
        await page.GetByRole(AriaRole.Button, new() { Name = w["Filtrer", "Filter"], Exact = true }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("creatorQ=", StringComparison.Ordinal));
        Assert.Contains(w["Seulement les livrables de", "Only the deliverables of"] + " " + creatorName, await page.Locator("main").InnerTextAsync());
        Assert.Contains(creatorName, await page.Locator(".month").InnerTextAsync());
        await ConsoleFixture.AccessibleAsync(page);

        // The creator's side: the draft arrives through the API (until the creator portal exists).
        var api = $"/api/v1{deliverablePath}";
        var read = await console.Client().GetAsync(api);
        await (await console.Client(Roles.Integration).Send(HttpMethod.Post, $"{api}/drafts",
            new { caption = "Publicité – ma routine du matin avec @acmebeauty", media = new[] { "https://cdn.example.com/routine.mp4" } }, read.ETag()))
            .Expect(HttpStatusCode.OK);

        // Reviewed and approved.
        await page.GotoAsync(deliverablePath!);
        await ConsoleFixture.AccessibleAsync(page);
        Assert.Equal("Reel routine du matin", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel(w["Commentaire", "Comment"], new() { Exact = true }).FillAsync(w["Parfait, merci !", "Perfect, thanks!"]);
        await page.GetByRole(AriaRole.Button, new() { Name = w["Approuver", "Approve"], Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync($"[role=status] >> text={w["Le brouillon a été approuvé.", "The draft was approved."]}");

        // The campaign goes live: its menu offers only the moves the rules allow; cancelling asks for a confirmation.
        await page.GotoAsync($"/campaigns/{campaignId}");
        var moves = await page.GetByLabel(w["Passer à", "Move to"]).Locator("option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)");
        Assert.Equal(new[] { "planned" }, moves);
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = w["Oui, annuler la campagne", "Yes, cancel the campaign"] }).IsVisibleAsync());
        foreach (var status in new[] { "planned", "live" })
        {
            await page.GetByLabel(w["Passer à", "Move to"]).SelectOptionAsync(status);
            await page.GetByRole(AriaRole.Button, new() { Name = w["Changer", "Move"], Exact = true }).ClickAsync();
            await page.WaitForSelectorAsync($"[role=status] >> text={w["Le statut de la campagne a été changé.", "The campaign's status was changed."]}");
        }

        Assert.Contains(w["En cours", "Live"], await page.Locator("main p").First.InnerTextAsync());
        await ConsoleFixture.AccessibleAsync(page);

        // Published with its texts: a refused try keeps what was typed; then recorded, then verified.
        await page.GotoAsync(deliverablePath!);
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        await page.GetByLabel(w["URL de la publication", "Post URL"]).FillAsync("instagram.com/p/no-scheme");
        await page.GetByLabel(w["Publié le (UTC)", "Published at (UTC)"]).FillAsync(now);
        await page.GetByLabel(w["Légende finale", "Final caption"]).FillAsync("Publicité – ma routine du matin avec @acmebeauty");
        await page.GetByLabel(w["Texte à l'écran", "Text on screen"], new() { Exact = true }).FillAsync("Publicité");
        await page.GetByLabel(w["Texte prononcé", "Spoken text"], new() { Exact = true }).FillAsync("Publicité : ce reel est réalisé avec Acme Beauty.");
        await page.GetByLabel(w["Mention « partenariat rémunéré » affichée", "Paid-partnership label shown"]).CheckAsync();
        var publish = page.GetByRole(AriaRole.Button, new() { Name = w["Enregistrer la publication", "Record the publication"] });
        await page.EvaluateAsync("document.getElementById('postUrl').type = 'text'"); // past the browser's own URL check, to the server's
        await publish.ClickAsync();
        await page.Locator("#postUrl-error").WaitForAsync();
        Assert.Equal("Publicité", await page.GetByLabel(w["Texte à l'écran", "Text on screen"], new() { Exact = true }).InputValueAsync());
        Assert.Equal("Publicité : ce reel est réalisé avec Acme Beauty.",
            await page.GetByLabel(w["Texte prononcé", "Spoken text"], new() { Exact = true }).InputValueAsync());
        Assert.True(await page.GetByLabel(w["Mention « partenariat rémunéré » affichée", "Paid-partnership label shown"]).IsCheckedAsync());
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByLabel(w["URL de la publication", "Post URL"]).FillAsync($"https://www.instagram.com/reel/{unique}/");
        await publish.ClickAsync();
        await page.WaitForSelectorAsync($"[role=status] >> text={w["La publication a été enregistrée.", "The publication was recorded."]}");
        Assert.Contains("Publicité : ce reel est réalisé avec Acme Beauty.", await page.Locator("main").InnerTextAsync());
        await page.GetByLabel(w["Ce qui a été vérifié sur la publication en ligne", "What was checked on the live post"])
            .FillAsync("Mention visible dès la première seconde");
        await page.GetByRole(AriaRole.Button, new() { Name = w["Marquer comme vérifié", "Mark verified"] }).ClickAsync();
        await page.WaitForSelectorAsync($"[role=status] >> text={w["La publication a été vérifiée.", "The publication was verified."]}");
        Assert.Contains(w["Vérifié", "Verified"], await page.Locator("main p").First.InnerTextAsync());
        await ConsoleFixture.AccessibleAsync(page);

        var stored = await (await console.Client(Roles.Viewer).GetAsync(api)).Expect(HttpStatusCode.OK);
        Assert.Equal("verified", (string)stored["status"]!);
        Assert.Equal(("Publicité", "Reel routine du matin"), ((string)stored["publication"]!["onScreenText"]!, (string)stored["title"]!));
    }
}
