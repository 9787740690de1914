using System.Net;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console.Shell;

/// <summary>
/// The console in a real browser against the real host: the brand team's day, roles, languages, and axe on every page —
/// on both engines (the SQL Server leg skips with the reason where no server answers).
/// </summary>
public abstract class ConsoleBrowserTests(ConsoleFixtureBase console)
{
    private static Task AccessibleAsync(IPage page) => ConsoleFixture.AccessibleAsync(page);

    [Fact]
    public async Task A_brand_manager_signs_in_creates_a_campaign_staffs_it_and_approves_a_draft_sent_through_the_api()
    {
        var page = await console.SignedInAsync(Roles.Brand);
        Assert.Equal("Aujourd'hui", await page.Locator("h1").InnerTextAsync()); // French by default
        Assert.Contains("Paiements à échéance", await page.Locator("main").InnerTextAsync()); // the brand team sees what is due
        await AccessibleAsync(page);

        var creator = (string)(await (await console.Client().PostJson("/api/v1/creators", new { displayName = "Léa Browser", country = "FR" }))
            .Expect(HttpStatusCode.Created))["id"]!;
        await page.GotoAsync("/creators?q=browser");
        await AccessibleAsync(page);
        Assert.Contains("Léa Browser", await page.Locator("table").InnerTextAsync());

        // A campaign created in the browser.
        await page.GotoAsync("/campaigns/new");
        await AccessibleAsync(page);
        var name = "Sérum printemps " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Nom").FillAsync(name);
        await page.GetByLabel("Marque").FillAsync("Acme Beauty");
        await page.GetByLabel("Instagram").CheckAsync();
        await page.GetByLabel("Visibilité (impressions)").FillAsync("100");
        await page.GetByLabel("Budget (EUR)").FillAsync("12000");
        await page.GetByLabel("Début").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Fin").FillAsync(DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/campaigns/cmp_", StringComparison.Ordinal));
        Assert.Equal(name, await page.Locator("h1").InnerTextAsync());
        Assert.Contains("12 000,00 €", (await page.Locator("main p").First.InnerTextAsync()).Replace('\u202f', ' ').Replace('\u00a0', ' '));
        var campaignId = page.Url.Split("/campaigns/")[1];

        // The creator joins the roster; a deliverable is planned.
        await page.GetByLabel("Chercher un créateur à ajouter").FillAsync("Léa Browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("creatorQ=", StringComparison.Ordinal));
        await page.GetByLabel("Ajouter un créateur").SelectOptionAsync(new SelectOptionValue { Label = "Léa Browser" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter" }).ClickAsync();
        await page.WaitForSelectorAsync("table >> text=Léa Browser");
        await page.Locator("#dueOn").FillAsync(DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier un livrable" }).ClickAsync();
        await page.WaitForSelectorAsync(".board >> text=Léa Browser");
        await AccessibleAsync(page);

        // The roster member moves to negotiation with a fee; the campaign's budget is edited.
        await page.GetByLabel("Statut Léa Browser").SelectOptionAsync("negotiating");
        await page.GetByLabel("Rémunération convenue (EUR) Léa Browser").FillAsync("1500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Appliquer Léa Browser" }).ClickAsync();
        await page.WaitForSelectorAsync("table >> text=En négociation");
        Assert.Contains("1 500,00 €", (await page.Locator("table").First.InnerTextAsync()).Replace('\u202f', ' ').Replace('\u00a0', ' '));
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier la campagne" }).ClickAsync();
        await AccessibleAsync(page);
        await page.GetByLabel("Budget (EUR)").FillAsync("15000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => !url.EndsWith("/edit", StringComparison.Ordinal));
        Assert.Contains("15 000,00 €", (await page.Locator("main p").First.InnerTextAsync()).Replace('\u202f', ' ').Replace('\u00a0', ' '));

        // The creator's draft arrives through the API; it waits for review on Today, and is approved in the browser.
        var deliverables = await (await console.Client().GetAsync($"/api/v1/campaigns/{campaignId}/deliverables")).Expect(HttpStatusCode.OK);
        var deliverableId = (string)deliverables["items"]![0]!["deliverable"]!["id"]!;
        var read = await console.Client().GetAsync($"/api/v1/campaigns/{campaignId}/deliverables/{deliverableId}");
        await (await console.Client(Roles.Integration).Send(HttpMethod.Post, $"/api/v1/campaigns/{campaignId}/deliverables/{deliverableId}/drafts",
            new { caption = "Publicité – ma routine avec @acme", media = new[] { "https://cdn.example.com/d1.jpg" } },
            read.ETag())).Expect(HttpStatusCode.OK);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { NameString = name + " · Léa Browser · Instagram" }).ClickAsync();
        await AccessibleAsync(page);
        Assert.Contains("Pas encore vérifiée", await page.Locator("main").InnerTextAsync()); // the disclosure section, before any check
        await page.GetByLabel("Commentaire").FillAsync("Parfait, merci !");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approuver" }).ClickAsync();
        await page.WaitForSelectorAsync("main .badge:has-text('Approuvé')");
        var approved = await (await console.Client().GetAsync($"/api/v1/campaigns/{campaignId}/deliverables/{deliverableId}")).Expect(HttpStatusCode.OK);
        Assert.Equal("approved", (string)approved["status"]!);

        // It shows on the calendar, in its due month, filtered by its campaign (chosen by name) and by its creator.
        var dueMonth = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM");
        await page.GotoAsync($"/calendar?month={dueMonth}");
        await page.GetByLabel("Campagne", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("campaignId=" + campaignId, StringComparison.Ordinal));
        await AccessibleAsync(page);
        Assert.Contains("Léa Browser", await page.Locator(".month").InnerTextAsync());
        await page.GotoAsync($"/creators/{creator}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Les livrables de ce créateur dans le calendrier" }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("creatorId=" + creator, StringComparison.Ordinal));
        await page.GotoAsync($"/calendar?month={dueMonth}&creatorId={creator}");
        Assert.Contains("Seulement les livrables de Léa Browser", await page.Locator("main").InnerTextAsync());
        Assert.Contains("Léa Browser", await page.Locator(".month").InnerTextAsync());
        var other = (string)(await (await console.Client().PostJson("/api/v1/creators", new { displayName = "Other Creator", country = "FR" }))
            .Expect(HttpStatusCode.Created))["id"]!;
        await page.GotoAsync($"/calendar?month={dueMonth}&creatorId={other}");
        Assert.DoesNotContain("Léa Browser", await page.Locator(".month").InnerTextAsync());
    }

    [Fact]
    public async Task Creators_are_imported_edited_moved_exported_and_erased_in_the_browser()
    {
        var page = await console.SignedInAsync(Roles.Brand);
        await page.GotoAsync("/creators/import");
        await AccessibleAsync(page);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(new FilePayload
        {
            Name = "creators.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("displayName,country,platform,handle,followers\n" +
                $"Inès Import {tag},FR,instagram,ines{tag},12000\n" +
                $"Noé Import {tag},BE,tiktok,noe{tag},5000\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await page.WaitForSelectorAsync("[role=status]");
        Assert.Contains("2 créés", await page.Locator("[role=status]").InnerTextAsync());

        await page.GotoAsync($"/creators?q={tag}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Inès Import {tag}" }).ClickAsync();
        await AccessibleAsync(page);
        var creatorId = page.Url.Split("/creators/")[1];
        await page.GetByLabel("Passer à").SelectOptionAsync("contacted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("main p:has-text('Contacté')");
        await page.GetByLabel("Notes").FillAsync("Met at the Paris fair");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await page.WaitForSelectorAsync("textarea#notes:has-text('Met at the Paris fair')");
        var read = await (await console.Client().GetAsync($"/api/v1/creators/{creatorId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(("contacted", "Met at the Paris fair"), ((string)read["stage"]!, (string)read["notes"]!));
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Effacer" }).CountAsync()); // brand: no GDPR actions

        var legal = await console.SignedInAsync(Roles.Legal);
        await legal.GotoAsync($"/creators/{creatorId}");
        await AccessibleAsync(legal);
        var export = await legal.APIRequest.GetAsync($"/creators/{creatorId}/personal-data.json");
        Assert.Equal(200, export.Status);
        Assert.Contains($"Import {tag}", await export.TextAsync());
        await legal.GetByLabel("Je confirme l'effacement", new() { Exact = false }).CheckAsync();
        await legal.GetByRole(AriaRole.Button, new() { Name = "Effacer" }).ClickAsync();
        await legal.WaitForSelectorAsync("[role=status]");
        // What was removed, and what was kept and why.
        Assert.Contains("audit log (ids and actions only, never personal data)", await legal.Locator("[role=status]").InnerTextAsync(),
            StringComparison.Ordinal);
        await AccessibleAsync(legal);
        var erased = await (await console.Client().GetAsync($"/api/v1/creators/{creatorId}")).Expect(HttpStatusCode.OK);
        Assert.NotNull((string?)erased["erasedAt"]);
    }

    [Fact]
    public async Task An_admin_creates_an_api_key_and_a_calendar_feed_that_work()
    {
        var page = await console.SignedInAsync(Roles.Admin);
        await page.GotoAsync("/settings/access");
        await AccessibleAsync(page);
        await page.GetByLabel("Nom").First.FillAsync("E-shop");
        await page.GetByLabel("Rôle").SelectOptionAsync("integration");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer une clé" }).ClickAsync();
        var key = await page.Locator("code.secret").InnerTextAsync();
        Assert.StartsWith("icrm_", key);
        await (await console.WithKey(key).GetAsync("/api/v1/creators")).Expect(HttpStatusCode.OK);

        await page.Locator("#feed-name").FillAsync("Team calendar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer un lien de flux" }).ClickAsync();
        var feed = await page.Locator("code.secret").InnerTextAsync();
        var ics = await page.APIRequest.GetAsync(feed);
        Assert.Equal(200, ics.Status);
        Assert.StartsWith("BEGIN:VCALENDAR", await ics.TextAsync());
    }

    [Fact]
    public async Task A_viewer_sees_no_edit_controls_and_a_forged_form_post_is_refused()
    {
        var campaign = (string)(await (await console.Client()
            .PostJson("/api/v1/campaigns", new { name = "Read only " + Guid.NewGuid().ToString("N")[..6], brand = "Acme" }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var page = await console.SignedInAsync(Roles.Viewer);
        await page.GotoAsync($"/campaigns/{campaign}");
        await AccessibleAsync(page);
        Assert.Equal(0, await page.Locator("main form").CountAsync());
        await page.GotoAsync("/campaigns");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle campagne" }).CountAsync());

        // The same post a brand manager's form sends, forged with the viewer's own cookie and antiforgery token.
        var token = await page.EvaluateAsync<string>("fetch('/sign-in').then(r => r.text()).then(t => (t.match(/name=\"__RequestVerificationToken\" " +
            "value=\"([^\"]+)\"/) || [])[1] || '')");
        var forged = await page.APIRequest.PostAsync($"/campaigns/{campaign}", new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("_handler", "roster").Set("__RequestVerificationToken", token).Set("RosterForm.CreatorId", "cr_x"),
        });
        Assert.Equal(403, forged.Status);
    }

    [Fact]
    public async Task A_person_switches_workspace_and_language()
    {
        var page = await console.SignedInAsync(Roles.Admin, "en-US");
        Assert.Equal("Today", await page.Locator("h1").InnerTextAsync()); // the browser's language
        await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text(\"Aujourd'hui\")");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Today')");
        await AccessibleAsync(page);
        await page.GotoAsync("/settings/members");
        await AccessibleAsync(page);
        Assert.Contains(ConsoleFixture.Email(Roles.Viewer), await page.Locator("table").InnerTextAsync());

        await page.GetByLabel("Workspace").SelectOptionAsync(new SelectOptionValue { Label = "Other brand (Viewer)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Today')");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).CountAsync()); // a viewer there
        await page.GotoAsync("/settings/members");
        Assert.NotEqual("Members", await page.Locator("h1").CountAsync() > 0 ? await page.Locator("h1").InnerTextAsync() : "");
    }

    /// <summary>On a 375 px phone the sidebar is a compact top bar: no page scrolls sideways, and the page starts on the first screen.</summary>
    [Fact]
    public async Task On_a_phone_no_page_is_wider_than_the_screen_and_the_header_leaves_room_for_the_page()
    {
        var page = await console.SignedInAsync(Roles.Admin);
        await page.SetViewportSizeAsync(375, 667);
        foreach (var path in new[] { "/", "/creators", "/campaigns", "/calendar", "/legal", "/legal/grants", "/settings/members", "/settings/access" })
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"{path} is {width} px wide on a 375 px screen");
            var header = await page.EvaluateAsync<double>("document.querySelector('header.sidebar').getBoundingClientRect().height");
            Assert.True(header <= 667 / 3.0, $"{path}: the header is {header} px high on a 667 px screen");
        }
    }
}

public sealed class ConsoleOnSqliteBrowserTests(ConsoleFixture console) : ConsoleBrowserTests(console), IClassFixture<ConsoleFixture>;

public sealed class ConsoleOnSqlServerBrowserTests(SqlServerConsoleFixture console) : ConsoleBrowserTests(console), IClassFixture<SqlServerConsoleFixture>;
