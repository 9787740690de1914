using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Console;
using InfluenceCrm.Tests.Contracts.Pages;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Access.Members;

/// <summary>
/// Removing a member and revoking an invitation are destructive: each asks for a confirmation first (as an API key's revoke), and
/// nothing changes until it is given; cancelling leaves everything as it was.
/// </summary>
public sealed class MembersConfirmationBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private static async Task PostAsync(IPage page, ILocator button)
    {
        await page.EvaluateAsync("window.__posted = true"); // gone once the answer's page replaces this one
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => window.__posted !== true && document.querySelector(\"script[src*='console']\") !== null");
    }

    [Fact]
    public async Task Removing_a_member_and_revoking_an_invitation_each_ask_for_a_confirmation_first()
    {
        var page = await console.SignedInAsync(Roles.Admin, "en-GB");
        await page.GotoAsync("/settings/members");
        var email = $"sam.{Guid.NewGuid():N}"[..16] + "@example.com";
        await page.Locator("#invite-email").FillAsync(email);
        await ContractsBrowserTests.SaveAsync(page, "Invite");
        var invitation = page.Locator($"li:has-text('{email}')");
        await invitation.WaitForAsync();

        // The invitation: "Revoke…" asks; cancelled, it stays; confirmed, it goes.
        await ContractsBrowserTests.SaveAsync(page, "Revoke…");
        Assert.Contains($"Revoke the invitation sent to {email}?", await invitation.InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
        await invitation.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await page.Locator($"li:has-text('{email}') button[value=resend]").WaitForAsync();
        await ContractsBrowserTests.SaveAsync(page, "Revoke…");
        await ContractsBrowserTests.SaveAsync(page, "Confirm — Revoke");
        Assert.Equal(0, await page.Locator($"li:has-text('{email}')").CountAsync());

        // A member: "Remove from the workspace" asks first; still a member until confirmed.
        var viewer = page.Locator("tr:has-text('Viewer Person')");
        await viewer.Locator("select").SelectOptionAsync("remove");
        await PostAsync(page, viewer.Locator("button[type=submit]"));
        Assert.Contains("Remove Viewer Person from the workspace?", await viewer.InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);
        await page.GotoAsync("/settings/members");
        Assert.Equal(1, await page.Locator("tr:has-text('Viewer Person')").CountAsync());
        await viewer.Locator("select").SelectOptionAsync("remove");
        await PostAsync(page, viewer.Locator("button[type=submit]"));
        await PostAsync(page, viewer.Locator("button[type=submit]:has-text('Confirm')"));
        Assert.Equal(0, await page.Locator("tr:has-text('Viewer Person')").CountAsync());
    }
}
