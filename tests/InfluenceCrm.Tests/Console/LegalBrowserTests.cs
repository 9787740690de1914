using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.UgcRights;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console;

/// <summary>Legal's desk in a real browser: the rights check and its reasons, the disclosure check and its findings, grants.</summary>
public sealed class LegalBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private async Task<string> AssetWithGrantAsync()
    {
        var asset = (string)(await (await console.Client(Roles.Integration).PostJson("/api/v1/ugc/assets", new JsonObject
        {
            ["sourceUrl"] = "https://instagram.com/p/legal" + Guid.NewGuid().ToString("N")[..6], ["platform"] = "instagram", ["authorHandle"] = "@camille.d",
            ["mediaType"] = "image", ["capturedAt"] = DateTimeOffset.UtcNow.AddDays(-2), ["people"] = new JsonArray(),
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

        // The same asset for organic posts in Belgium is covered: the grant is named and opens.
        await page.Locator("#channel").SelectOptionAsync("organic_social");
        await page.Locator("#territory").SelectOptionAsync("BE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("#verdict:has-text('Autorisé')");
        Assert.Contains("Une autorisation couvre cet usage", await page.Locator(".verdict .reasons").InnerTextAsync(), StringComparison.Ordinal);

        // The batch form answers per asset; an unknown id is a clear answer, not an error page.
        await page.Locator("#batch-assets").FillAsync(asset + "\n" + asset);
        await page.Locator("#batch-channel").SelectOptionAsync("email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tout vérifier" }).ClickAsync();
        await page.WaitForSelectorAsync("table:has-text('Résultats')");
        Assert.Equal(2, await page.Locator("table:has-text('Résultats') tbody tr").CountAsync());
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
}
