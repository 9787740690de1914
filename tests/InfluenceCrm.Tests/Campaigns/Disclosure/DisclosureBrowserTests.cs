using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Console;
using InfluenceCrm.Tests.Contracts.Pages;

namespace InfluenceCrm.Tests.Campaigns.Disclosure;

/// <summary>The disclosure check in French: each finding written in French from its code and values, never the API's English message.</summary>
public sealed class DisclosureBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Legal_checks_a_reel_s_disclosure_and_reads_every_finding_in_French()
    {
        var page = await console.SignedInAsync(Roles.Legal);
        await page.GotoAsync("/legal/disclosure-check");
        await page.Locator("#format").SelectOptionAsync("reel");
        await page.Locator("#caption").FillAsync("Ma routine du matin avec ce sérum incroyable #skincare #glow");
        await ContractsBrowserTests.SaveAsync(page, "Vérifier");
        Assert.StartsWith("Insuffisante", await page.Locator("#verdict").InnerTextAsync(), StringComparison.Ordinal);
        var findings = await page.Locator("table.findings").InnerTextAsync();
        Assert.Contains("Aucune mention acceptée dans la légende", findings, StringComparison.Ordinal);
        Assert.DoesNotContain("No accepted", findings, StringComparison.Ordinal);
        Assert.DoesNotContain("FR-DISC", findings, StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // Said upfront and written on the video for the whole promotion, it passes; the finding says so in French.
        await page.Locator("#caption").FillAsync("Publicité – ma routine du matin avec ce sérum #skincare");
        await page.Locator("#onScreen").FillAsync("Publicité");
        await page.Locator("#timing").SelectOptionAsync("whole_video");
        await ContractsBrowserTests.SaveAsync(page, "Vérifier");
        Assert.Contains("Une mention acceptée figure là où elle doit être", await page.Locator("table.findings").InnerTextAsync(),
            StringComparison.Ordinal);
    }
}
