using System.Net;
using System.Security.Cryptography;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Console;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Contracts.Pages;

/// <summary>
/// A lawyer's day with contracts, through the browser only: a draft from the French-law template, its terms typed field by field
/// with the compliance beside them in the reader's language, sent, signed with the uploaded document (the server computes its
/// SHA-256) and paid on the day the money left. The creator exists beforehand (the brand's day creates them).
/// </summary>
public sealed class ContractsBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private async Task<string> CreatorAsync(string name) =>
        (string)(await (await console.Client().PostJson("/api/v1/creators", new { displayName = name, country = "FR" })).Expect(HttpStatusCode.Created))["id"]!;

    /// <summary>Posts a form with its button and waits for the answer's page (a redirect or the same page again).</summary>
    internal static async Task SaveAsync(IPage page, string button)
    {
        await page.EvaluateAsync("window.__posted = true"); // gone once the answer's page replaces this one
        await page.Locator($"form button[type=submit]:has-text(\"{button}\")").First.ClickAsync();
        await page.WaitForFunctionAsync("() => window.__posted !== true && document.querySelector(\"script[src*='console']\") !== null");
    }

    [Fact]
    public async Task Legal_drafts_a_contract_in_French_reads_its_compliance_in_French_sends_it_signs_it_with_the_document_and_records_the_payment()
    {
        var name = "Léa Dupont " + Guid.NewGuid().ToString("N")[..4];
        await CreatorAsync(name);
        var page = await console.SignedInAsync(Roles.Legal);
        await page.GotoAsync("/legal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau contrat" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Nouveau contrat')");
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByLabel("Créateur", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.GetByLabel("Titre").FillAsync("Lancement sérum");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le brouillon" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Modifier le brouillon')");
        await ConsoleFixture.AccessibleAsync(page);

        // The template's gaps, in French, beside the form: no English sentence, no raw field path.
        var panel = await page.Locator("section.compliance").InnerTextAsync();
        Assert.Contains("Conformité indéterminée", panel, StringComparison.Ordinal);
        Assert.Contains("L'identité des parties est incomplète", panel, StringComparison.Ordinal);
        Assert.Contains("Le droit français de l'influence s'applique", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("The ", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("postalAddress", panel, StringComparison.Ordinal);

        // A field-level error: a negative fee is refused next to its field, and what was typed stays.
        await page.Locator("[id='remuneration.fee.amount']").FillAsync("-5");
        await page.Locator("#missions\\[0\\]\\.description").FillAsync("Un reel Instagram présentant le sérum");
        Assert.True(await page.Locator("#compliance-stale").IsVisibleAsync(), "typing does not say the compliance beside the form is the saved version's");
        await SaveAsync(page, "Enregistrer le brouillon");
        Assert.True(await page.Locator("#compliance-stale").IsVisibleAsync()); // refused: what the form holds is not what was checked
        Assert.True(await page.Locator("[id='remuneration.fee.amount-error']").IsVisibleAsync());
        Assert.Equal("Un reel Instagram présentant le sérum", await page.Locator("#missions\\[0\\]\\.description").InputValueAsync());

        // Every mandatory clause, typed in the browser.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        await page.Locator("[id='brand.legalName']").FillAsync("Acme Beauté SAS");
        await page.Locator("[id='brand.email']").FillAsync("juridique@acme.example");
        await page.Locator("[id='brand.postalAddress']").FillAsync("1 rue de la Paix, 75002 Paris");
        await page.Locator("[id='creator.email']").FillAsync("lea@example.com");
        await page.Locator("[id='creator.postalAddress']").FillAsync("3 place Bellecour, 69002 Lyon");
        await page.Locator("[id='creator.taxResidenceCountry']").SelectOptionAsync("FR");
        await page.Locator("[id='remuneration.fee.amount']").FillAsync("1500");
        await page.Locator("[id='milestones[0].label']").FillAsync("À la signature");
        await page.Locator("[id='milestones[0].amount.amount']").FillAsync("1500");
        await page.Locator("[id='milestones[0].dueOn']").FillAsync(today);
        await page.Locator("[id='usageRights[0].rights-reproduction']").CheckAsync();
        await page.Locator("[id='usageRights[0].rights-public_display']").CheckAsync();
        await page.Locator("[id='usageRights[0].channels-organic_social']").CheckAsync();
        await page.Locator("[id='usageRights[0].territories']").SelectOptionAsync("FR");
        await page.Locator("[id='usageRights[0].startsOn']").FillAsync(today);
        await page.Locator("[id='usageRights[0].purpose']").FillAsync("Lancement du sérum");
        await page.GetByLabel("Droits et obligations, y compris la propriété intellectuelle").FillAsync("Le créateur cède les droits décrits ci-dessus.");
        await SaveAsync(page, "Enregistrer le brouillon");
        Assert.Contains("Enregistré", await page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.Locator("#compliance-stale").IsVisibleAsync()); // saved: the compliance beside the form is this version's
        panel = await page.Locator("section.compliance").InnerTextAsync();
        Assert.Contains("Conforme", panel, StringComparison.Ordinal);
        Assert.Contains("1 500,00", panel.Replace('\u202f', ' ').Replace('\u00a0', ' '), StringComparison.Ordinal); // the threshold in French money
        await ConsoleFixture.AccessibleAsync(page);

        // Sent, then signed: the file is uploaded and the server computes its SHA-256.
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour au contrat" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Lancement sérum')");
        await SaveAsync(page, "Envoyer le contrat");
        Assert.Contains("Envoyé", await page.Locator("main .badge").First.InnerTextAsync(), StringComparison.Ordinal);
        var pdf = "%PDF-1.4 contrat signé "u8.ToArray();
        await page.Locator("#document").SetInputFilesAsync(new FilePayload { Name = "contrat.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByLabel("Document signé (lien)").FillAsync("https://docs.example.com/contrats/lea.pdf");
        await SaveAsync(page, "Enregistrer la signature");
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        Assert.Contains(sha, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Signé", await page.Locator("main .badge").First.InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // Paid yesterday, not "now".
        var yesterday = DateTime.UtcNow.AddDays(-1);
        await page.GetByLabel("Référence du paiement À la signature").FillAsync("VIR-2026-042");
        await page.GetByLabel("Payé le À la signature").FillAsync(yesterday.ToString("yyyy-MM-dd"));
        await SaveAsync(page, "Enregistrer le paiement À la signature");
        var paid = await page.Locator("tr:has-text('VIR-2026-042')").InnerTextAsync();
        Assert.Contains(yesterday.ToString("dd/MM/yyyy"), paid, StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
    }

    [Fact]
    public async Task Legal_copies_a_previous_contract_in_English_sees_the_compliance_in_English_and_terminates_only_after_confirming()
    {
        var name = "Sam Carter " + Guid.NewGuid().ToString("N")[..4];
        await CreatorAsync(name);
        var page = await console.SignedInAsync(Roles.Legal, "en-GB");
        await page.GotoAsync("/legal/contracts");
        await page.GetByRole(AriaRole.Link, new() { Name = "New contract" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('New contract')");
        await page.GetByLabel("Creator", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.GetByLabel("Title").FillAsync("Summer launch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Edit the draft')");
        var panel = await page.Locator("section.compliance").InnerTextAsync();
        Assert.Contains("The identity of the parties is incomplete", panel, StringComparison.Ordinal);
        Assert.Contains("Where the influencer is established", await page.Locator("section.compliance details.facts").TextContentAsync() ?? "", StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // A second draft copies the first one's clauses.
        await page.GotoAsync("/legal/contracts/new");
        await page.GetByLabel("Creator", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.GetByLabel("Title").FillAsync("Autumn launch");
        await page.GetByLabel("A previous contract", new() { Exact = false }).CheckAsync();
        await page.GetByLabel("Previous contract to copy").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Autumn launch')");
        Assert.Equal("FR", await page.Locator("#governingLaw").InputValueAsync());

        // Terminating asks for a confirmation first; without it nothing changes.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the contract" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Autumn launch')");
        await page.Locator("summary:has-text('Terminate the contract')").ClickAsync();
        await page.EvaluateAsync("document.querySelectorAll('input[name=confirm]').forEach(i => i.required = false)"); // the server checks too
        await SaveAsync(page, "Terminate the contract");
        Assert.Contains("Draft", await page.Locator("main .badge").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("summary:has-text('Terminate the contract')").ClickAsync();
        await page.GetByLabel("I confirm the termination").CheckAsync();
        await SaveAsync(page, "Terminate the contract");
        Assert.Contains("Terminated", await page.Locator("main .badge").First.InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
    }
}
