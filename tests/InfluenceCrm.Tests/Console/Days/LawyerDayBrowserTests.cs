using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Contracts.Pages;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console.Days;

/// <summary>
/// A lawyer's day in a real browser, in French and in English, without a single API call outside it: the creator added on the
/// console's create-creator page (by the brand, whose job it is), a contract drafted from the template with every mandatory
/// clause, its compliance read beside the form, sent, signed with the uploaded document, paid, amended; an asset registered
/// from a post's address, its rights requested, a grant recorded with its evidence, a use checked (allowed and blocked, with
/// the reasons in the reader's language); a caption's disclosure checked; the audit log read and exported; the person's data
/// exported. Axe finds nothing serious on any page reached.
/// </summary>
public sealed class LawyerDayBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-GB")]
    public async Task A_lawyer_drafts_checks_sends_signs_and_pays_a_contract_clears_a_post_s_rights_checks_a_disclosure_and_reads_the_audit_log(
        string locale)
    {
        var fr = locale == "fr-FR";
        string L(string french, string english) => fr ? french : english;
        var tag = Guid.NewGuid().ToString("N")[..6];
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // The creator, added by hand on the console's page (adding creators is the brand's write; legal reads them).
        var brand = await console.SignedInAsync(Roles.Brand, locale);
        await brand.GotoAsync("/creators/new");
        await ConsoleFixture.AccessibleAsync(brand);
        var creatorName = $"Léa Juriste {tag}";
        await brand.Locator("#displayName").FillAsync(creatorName);
        await brand.Locator("#email").FillAsync($"lea.{tag}@example.com");
        await brand.Locator("#country").SelectOptionAsync("FR");
        await brand.Locator("form button[type=submit].btn-primary").ClickAsync();
        await ConsoleFixture.WaitForPageAsync(brand, url => url.Contains("done=created", StringComparison.Ordinal));
        var creatorId = new Uri(brand.Url).AbsolutePath.Split('/')[2];
        await ConsoleFixture.AccessibleAsync(brand);
        await brand.Context.CloseAsync();

        // A draft from the French-law template: its gaps beside the form, in the reader's language.
        var page = await console.SignedInAsync(Roles.Legal, locale);
        await page.GotoAsync("/legal");
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = L("Nouveau contrat", "New contract") }).First.ClickAsync();
        await page.WaitForSelectorAsync($"h1:has-text('{L("Nouveau contrat", "New contract")}')");
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#creatorId").SelectOptionAsync(new SelectOptionValue { Label = creatorName });
        var title = $"{L("Lancement sérum", "Serum launch")} {tag}";
        await page.Locator("#title").FillAsync(title);
        await ContractsBrowserTests.SaveAsync(page, L("Créer le brouillon", "Create the draft"));
        await page.WaitForSelectorAsync($"h1:has-text('{L("Modifier le brouillon", "Edit the draft")}')");
        await ConsoleFixture.AccessibleAsync(page);
        var contractId = new Uri(page.Url).AbsolutePath.Split('/')[3];
        Assert.Contains(L("L'identité des parties est incomplète", "The identity of the parties is incomplete"),
            await page.Locator("section.compliance").InnerTextAsync(), StringComparison.Ordinal);

        // The compliance beside the form follows the edits without a save: another law than French law, and the panel says why at once.
        await page.EvaluateAsync("window.__samePage = true");
        await page.Locator("#governingLaw").SelectOptionAsync("BE");
        var why = L("alors que les règles françaises s'appliquent", "but the French rules apply");
        await page.Locator($"section.compliance:has-text(\"{why}\")").WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("window.__samePage === true"), "the form was submitted: the panel did not follow the edit live");
        Assert.Contains(L("Pas encore enregistré", "Not saved yet"), await page.Locator("#compliance-stale").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#governingLaw").SelectOptionAsync("FR");

        // Every mandatory clause typed in; saved, the draft is compliant.
        await page.Locator("[id='brand.legalName']").FillAsync("Acme Beauté SAS");
        await page.Locator("[id='brand.email']").FillAsync("juridique@acme.example");
        await page.Locator("[id='brand.postalAddress']").FillAsync("1 rue de la Paix, 75002 Paris");
        await page.Locator("[id='creator.email']").FillAsync($"lea.{tag}@example.com");
        await page.Locator("[id='creator.postalAddress']").FillAsync("3 place Bellecour, 69002 Lyon");
        await page.Locator("[id='creator.taxResidenceCountry']").SelectOptionAsync("FR");
        await page.Locator("#missions\\[0\\]\\.description").FillAsync(L("Un reel Instagram présentant le sérum", "One Instagram reel showing the serum"));
        await page.Locator("[id='remuneration.fee.amount']").FillAsync("1500");
        await page.Locator("[id='milestones[0].label']").FillAsync("Signature");
        await page.Locator("[id='milestones[0].amount.amount']").FillAsync("1500");
        await page.Locator("[id='milestones[0].dueOn']").FillAsync(today);
        await page.Locator("[id='usageRights[0].rights-reproduction']").CheckAsync();
        await page.Locator("[id='usageRights[0].rights-public_display']").CheckAsync();
        await page.Locator("[id='usageRights[0].channels-organic_social']").CheckAsync();
        await page.Locator("[id='usageRights[0].territories']").SelectOptionAsync("FR");
        await page.Locator("[id='usageRights[0].startsOn']").FillAsync(today);
        await page.Locator("[id='usageRights[0].purpose']").FillAsync(L("Lancement du sérum", "The serum's launch"));
        await page.Locator("#intellectualProperty").FillAsync(L("Le créateur cède les droits décrits ci-dessus.", "The creator grants the rights above."));
        await ContractsBrowserTests.SaveAsync(page, L("Enregistrer le brouillon", "Save the draft"));
        Assert.Contains(L("Enregistré", "Saved"), await page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(L("Conforme", "Compliant"), (await page.Locator("section.compliance h2").InnerTextAsync()).Trim());
        await ConsoleFixture.AccessibleAsync(page);

        // Sent, signed with the uploaded document (the server computes its SHA-256), paid on the day the money left.
        await page.GetByRole(AriaRole.Link, new() { Name = L("Retour au contrat", "Back to the contract") }).ClickAsync();
        await page.WaitForSelectorAsync($"h1:has-text('{title}')");
        await ContractsBrowserTests.SaveAsync(page, L("Envoyer le contrat", "Send the contract"));
        Assert.Contains(L("Envoyé", "Sent"), await page.Locator("main .badge").First.InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // Sent, it counts: the contracts of this creator, each with its compliance, and the EUR 1,000 threshold reached, in the reader's money.
        await page.GotoAsync($"/legal/contracts?creatorId={creatorId}");
        await ConsoleFixture.AccessibleAsync(page);
        var row = await page.Locator("tbody tr").First.InnerTextAsync();
        Assert.Contains(title, row, StringComparison.Ordinal);
        Assert.Contains(L("Conforme", "Compliant"), row, StringComparison.Ordinal);
        var threshold = (await page.Locator("#threshold-title + p").InnerTextAsync()).Replace('\u202f', ' ').Replace('\u00a0', ' ');
        Assert.Contains(L("1 500,00 € / 1 000,00 €", "€1,500.00 / €1,000.00"), threshold, StringComparison.Ordinal);
        await page.GotoAsync($"/legal/contracts/{contractId}");
        var pdf = System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 signed " + tag);
        await page.Locator("#document").SetInputFilesAsync(new FilePayload { Name = "contract.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByLabel(L("Document signé (lien)", "Signed document (link)")).FillAsync($"https://docs.example.com/contracts/{tag}.pdf");
        await ContractsBrowserTests.SaveAsync(page, L("Enregistrer la signature", "Record the signature"));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(pdf)), await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(L("Signé", "Signed"), await page.Locator("main .badge").First.InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
        var yesterday = DateTime.UtcNow.AddDays(-1);
        await page.GetByLabel(L("Référence du paiement Signature", "Payment reference Signature")).FillAsync("VIR-" + tag);
        await page.GetByLabel(L("Payé le Signature", "Paid on Signature")).FillAsync(yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ContractsBrowserTests.SaveAsync(page, L("Enregistrer le paiement Signature", "Record the payment Signature"));
        Assert.Contains(yesterday.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), await page.Locator($"tr:has-text('VIR-{tag}')").InnerTextAsync(),
            StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // Amended in the browser: the change shows side by side with its reason.
        await page.Locator($"a[href='/legal/contracts/{contractId}/edit']").First.ClickAsync();
        await page.WaitForSelectorAsync("#reason");
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#reason").FillAsync(L("Second reel ajouté", "Second reel added"));
        await page.Locator("[id='remuneration.paymentTerms']").FillAsync(L("Virement à 30 jours", "Bank transfer within 30 days"));
        await ContractsBrowserTests.SaveAsync(page, L("Enregistrer l'avenant", "Record the amendment"));
        await page.WaitForSelectorAsync("table.diff");
        Assert.Contains(L("Virement à 30 jours", "Bank transfer within 30 days"), await page.Locator("table.diff").First.InnerTextAsync(),
            StringComparison.Ordinal);
        Assert.Contains(L("Second reel ajouté", "Second reel added"), await page.Locator("details:has(table.diff) summary").First.InnerTextAsync(),
            StringComparison.Ordinal);

        // A post's rights: the asset registered from its address, its rights requested, a grant recorded with its evidence.
        await page.GotoAsync("/legal");
        await page.Locator("a[href='/legal/assets/new']").First.ClickAsync();
        await page.WaitForSelectorAsync("form[method=post] #sourceUrl");
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#sourceUrl").FillAsync($"https://www.instagram.com/p/{tag}{tag}");
        await page.Locator("#authorHandle").FillAsync("@lea." + tag);
        await page.Locator("#mediaType").SelectOptionAsync("image");
        await ContractsBrowserTests.SaveAsync(page, L("Enregistrer un contenu", "Register an asset"));
        Assert.Contains(L("Contenu enregistré", "Asset registered"), await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        var assetId = new Uri(page.Url).AbsolutePath.Split('/').Last();
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator($"summary:has-text('{L("Demander les droits", "Request rights")}')").ClickAsync();
        await page.Locator("[id='proposedTerms.licensees']").FillAsync("Acme Beauté");
        await ContractsBrowserTests.SaveAsync(page, L("Envoyer la demande", "Send the request"));
        Assert.Contains(L("Droits demandés", "Rights requested"), await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator($"summary:has-text('{L("Enregistrer une autorisation", "Record a grant")}')").ClickAsync();
        await page.Locator("[id='terms.licensees']").FillAsync("Acme Beauté");
        await page.Locator("#evidence\\.kind").SelectOptionAsync("signed_document");
        await page.Locator("#evidence\\.reference").FillAsync($"https://docs.example.com/releases/{tag}.pdf");
        await ContractsBrowserTests.SaveAsync(page, L("Enregistrer une autorisation", "Record a grant"));
        Assert.Contains(L("Autorisation enregistrée", "Grant recorded"), await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // A use checked: organic posts in France are covered; paid ads are not, and the reason says so in words, no code, no id.
        await page.GotoAsync("/legal/rights-check?assetId=" + assetId);
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#channel").SelectOptionAsync("organic_social");
        await page.Locator("#territory").SelectOptionAsync("FR");
        await ContractsBrowserTests.SaveAsync(page, L("Vérifier", "Check"));
        Assert.Equal(L("Autorisé", "Allowed"), await page.Locator("#verdict").InnerTextAsync());
        await page.Locator("#channel").SelectOptionAsync("paid_social");
        await ContractsBrowserTests.SaveAsync(page, L("Vérifier", "Check"));
        Assert.Equal(L("Bloqué", "Blocked"), await page.Locator("#verdict").InnerTextAsync());
        var reasons = await page.Locator(".verdict .reasons").InnerTextAsync();
        Assert.Contains(L("L'autorisation n'inclut pas Publicités payantes sur les réseaux sociaux", "The grant does not include Paid social ads"), reasons,
            StringComparison.Ordinal);
        Assert.DoesNotContain("paid_social", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("gr_", reasons, StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // A caption's disclosure: said nowhere, it fails with the French law as the source.
        await page.GotoAsync("/legal/disclosure-check");
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#caption").FillAsync("Ma routine du matin avec ce sérum incroyable #skincare #glow");
        await page.Locator("#compensation").SelectOptionAsync("paid");
        await ContractsBrowserTests.SaveAsync(page, L("Vérifier", "Check"));
        await page.WaitForSelectorAsync("section.verdict-fail");
        Assert.Contains("Loi n° 2023-451", await page.Locator("table.findings").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // The audit log, filtered by the contract: who signed and paid, by name and in words; exported as CSV (its codes), the filter holding.
        await page.GotoAsync($"/legal/audit?entityType=contract&entityId={contractId}");
        await ConsoleFixture.AccessibleAsync(page);
        var log = await page.Locator("table").InnerTextAsync();
        Assert.Contains(L("Contrat signé", "Contract signed"), log, StringComparison.Ordinal);
        Assert.Contains(L("Paiement d’échéance enregistré", "Milestone payment recorded"), log, StringComparison.Ordinal);
        Assert.DoesNotContain("contract.signed", log, StringComparison.Ordinal); // words, not codes
        Assert.Contains("Legal Person", log, StringComparison.Ordinal);
        Assert.DoesNotContain("legal@acme.example", log, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(await (await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = L("Exporter en CSV", "Export as CSV") }).ClickAsync())).PathAsync());
        Assert.Contains($",contract,{contractId},", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",creator,", csv, StringComparison.Ordinal);

        // The person's data, exported from the creator's page (a right-of-access request): everything held on them, as JSON.
        await page.GotoAsync($"/creators/{creatorId}");
        await ConsoleFixture.AccessibleAsync(page);
        var export = await page.RunAndWaitForDownloadAsync(() => page.Locator($"a[href='/creators/{creatorId}/personal-data.json']").ClickAsync());
        var data = JsonNode.Parse(await File.ReadAllTextAsync(await export.PathAsync()))!
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains(creatorName, data, StringComparison.Ordinal);
        Assert.Contains($"lea.{tag}@example.com", data, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
