using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.UgcRights;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console.Days;

/// <summary>Legal's desk in a real browser: the rights check and its reasons, the disclosure check and its findings, grants.</summary>
public sealed class LegalBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private async Task<string> AssetWithGrantAsync()
    {
        var asset = (string)(await (await console.Client(Roles.Integration).PostJson("/api/v1/ugc/assets", new JsonObject
        {
            ["sourceUrl"] = "https://instagram.com/p/legal" + Guid.NewGuid().ToString("N")[..6],
            ["platform"] = "instagram",
            ["authorHandle"] = "@camille.d",
            ["mediaType"] = "image",
            ["capturedAt"] = DateTimeOffset.UtcNow.AddDays(-2),
            ["people"] = new JsonArray(),
        })).Expect(HttpStatusCode.Created))["id"]!;
        await (await console.Client(Roles.Legal).PostJson("/api/v1/ugc/grants",
            new JsonObject { ["assetId"] = asset, ["terms"] = UgcRightsApiTests.Terms(), ["evidence"] = UgcRightsApiTests.Evidence() })).Expect(HttpStatusCode.Created);
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
        Assert.Contains("France, Belgique", terms, StringComparison.Ordinal);
        await page.GetByLabel("Motif").FillAsync("The creator asked us to stop");
        await page.GetByLabel("Je confirme la révocation").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Révoquer cette autorisation" }).ClickAsync();
        await page.WaitForSelectorAsync("[role=status]:has-text('révoquée')");
        var check = await (await console.Client(Roles.Viewer).PostJson("/api/v1/ugc/rights-checks",
            new { assetId = asset, channel = "organic_social", territory = "BE", date = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") })).Expect(HttpStatusCode.OK);
        Assert.Equal("blocked", (string)check["verdict"]!);
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
        try { await page.WaitForSelectorAsync("#verdict", new() { Timeout = 5000 }); } catch (TimeoutException) { Assert.Fail(await page.Locator("main").InnerTextAsync()); }
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
        await admin.Locator("#logo").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = "<svg onload=alert(1)>"u8.ToArray() });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await admin.WaitForSelectorAsync("#logo-error:has-text('PNG, JPEG or WebP')");
        Assert.Equal(1, await admin.Locator("img.logo").CountAsync());

        var asset = (string)(await (await console.Client(Roles.Integration).PostJson("/api/v1/ugc/assets", new JsonObject
        {
            ["sourceUrl"] = "https://www.tiktok.com/@camille.d/video/7" + Random.Shared.NextInt64(100_000_000, 999_999_999),
            ["platform"] = "tiktok",
            ["authorHandle"] = "@camille.d",
            ["mediaType"] = "video",
            ["capturedAt"] = DateTimeOffset.UtcNow.AddDays(-2),
            ["people"] = new JsonArray(),
        })).Expect(HttpStatusCode.Created))["id"]!;
        var created = await (await console.Client(Roles.Brand).PostJson("/api/v1/ugc/rights-requests", new JsonObject
        {
            ["assetId"] = asset,
            ["method"] = "release_form",
            ["proposedTerms"] = UgcRightsApiTests.Terms(),
            ["language"] = "fr",
        })).Expect(HttpStatusCode.Created);
        var url = (string)created["releaseFormUrl"]!;

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
        Assert.Contains("Le montrer au public : sur les publications de la marque sur ses réseaux sociaux et le site web de la marque ; pays : France et Belgique", terms, StringComparison.Ordinal);
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

    [Fact]
    public async Task Legal_reads_a_contract_s_compliance_threshold_and_amendment_side_by_side_signs_it_records_a_payment_and_finds_it_all_in_the_audit_log()
    {
        const string sha = "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
        var creator = (string)(await (await console.Client().PostJson("/api/v1/creators", new { displayName = "Léa Contrat", country = "FR" })).Expect(HttpStatusCode.Created))["id"]!;
        var created = await console.Client(Roles.Legal).PostJson("/api/v1/contracts", new JsonObject
        {
            ["creatorId"] = creator,
            ["title"] = "Lancement sérum – Instagram",
            ["terms"] = InfluenceCrm.Tests.Contracts.ContractsApiTests.CompleteTerms(fee: 80_000),
        });
        var id = (string)(await created.Expect(HttpStatusCode.Created))["id"]!;
        var read = await console.Client(Roles.Legal).GetAsync($"/api/v1/contracts/{id}");
        await (await console.Client(Roles.Legal).Send(HttpMethod.Post, $"/api/v1/contracts/{id}/status", new { status = "sent" }, ifMatch: read.ETag())).Expect(HttpStatusCode.OK);
        var page = await console.SignedInAsync(Roles.Legal);

        // The list: each contract with its compliance; sent, it counts; filtered by creator, the EUR 1,000 threshold and what is left before it.
        await page.GotoAsync("/legal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Contrats" }).ClickAsync();
        await page.WaitForSelectorAsync("h1:has-text('Contrats')");
        await ConsoleFixture.AccessibleAsync(page);
        await page.GotoAsync($"/legal/contracts?creatorId={creator}");
        var row = await page.Locator("tbody tr").First.InnerTextAsync();
        Assert.Contains("Lancement sérum – Instagram", row, StringComparison.Ordinal);
        Assert.Contains("Conforme", row, StringComparison.Ordinal);
        var threshold = (await page.Locator("#threshold-title + p").InnerTextAsync()).Replace('\u202f', ' ').Replace('\u00a0', ' ');
        Assert.Contains("800,00 € / 1 000,00 €", threshold, StringComparison.Ordinal);
        Assert.Contains("200,00 €", threshold, StringComparison.Ordinal);

        // Signed in the browser, a payment recorded.
        await page.GotoAsync($"/legal/contracts/{id}");
        await ConsoleFixture.AccessibleAsync(page);
        Assert.Equal("Conforme", await page.Locator("section.compliance h2").InnerTextAsync());
        Assert.Contains("FR-CONTRACT-REMUNERATION", await page.Locator("details.rules-applied").TextContentAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Document signé (lien)").FillAsync("https://docs.example.com/contracts/1.pdf");
        var document = "%PDF-1.4 signed"u8.ToArray();
        await page.Locator("#document").SetInputFilesAsync(new FilePayload { Name = "1.pdf", MimeType = "application/pdf", Buffer = document });
        var signedSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document));
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la signature" }).ClickAsync();
        await page.WaitForSelectorAsync("[role=status]");
        Assert.Contains(signedSha, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Référence du paiement On signature").FillAsync("VIR-2026-001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le paiement On signature" }).ClickAsync();
        await page.WaitForSelectorAsync("td:has-text('VIR-2026-001')");

        // An amendment through the API shows side by side: what changed, before and after.
        read = await console.Client(Roles.Legal).GetAsync($"/api/v1/contracts/{id}");
        await (await console.Client(Roles.Legal).Send(HttpMethod.Post, $"/api/v1/contracts/{id}/amendments", new JsonObject
        {
            ["reason"] = "Second reel added",
            ["sha256"] = sha.Replace('3', '4'),
            ["documentUri"] = "https://docs.example.com/contracts/1-amendment-1.pdf",
            ["terms"] = new JsonObject { ["remuneration"] = new JsonObject { ["fee"] = new JsonObject { ["amount"] = 120_000 } } },
        }, ifMatch: read.ETag())).Expect(HttpStatusCode.OK);
        await page.GotoAsync($"/legal/contracts/{id}"); // a reload would post the form again
        var diff = await page.Locator("table.diff").First.InnerTextAsync();
        Assert.Contains("remuneration.fee.amount\t80000\t120000", diff, StringComparison.Ordinal);
        Assert.Contains("Second reel added", await page.Locator("details:has(table.diff) summary").First.InnerTextAsync(), StringComparison.Ordinal);

        // The audit log, filtered by the contract, names the person who signed and exports as CSV.
        await page.GotoAsync($"/legal/audit?entityType=contract&entityId={id}");
        await ConsoleFixture.AccessibleAsync(page);
        var log = await page.Locator("table").InnerTextAsync();
        Assert.Contains("contract.signed", log, StringComparison.Ordinal);
        Assert.Contains("contract.milestone_paid", log, StringComparison.Ordinal);
        Assert.Contains("Legal Person", log, StringComparison.Ordinal); // a member by name (e-mails and API keys are for admins, as in the API)
        Assert.DoesNotContain("legal@acme.example", log, StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Exporter en CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("occurred_at,action,entity_type,entity_id,actor,actor_name,details\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($",contract,{id},", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",creator,", csv, StringComparison.Ordinal); // the filter holds in the export

        // A viewer may not read contracts or the audit log, as in the API.
        var viewer = await console.SignedInAsync(Roles.Viewer);
        Assert.Equal(403, (await viewer.GotoAsync($"/legal/contracts/{id}"))!.Status);
        Assert.Equal(403, (await viewer.GotoAsync("/legal/audit"))!.Status);
    }
}
