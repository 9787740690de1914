using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Console;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Access.Passwords;

/// <summary>
/// Forgot password, the reset link's page and the person's own page in a real browser on a phone's width, in French and
/// English: each answer shown, the policy's refusals by their field, axe clean.
/// </summary>
public sealed class PasswordPagesBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private static Func<string, string, string> In(string locale) => (fr, en) => locale.StartsWith("fr", StringComparison.Ordinal) ? fr : en;

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public async Task Forgot_password_and_the_reset_page_answer_on_a_phone_in_both_languages(string locale)
    {
        var w = In(locale);
        var signedIn = await console.SignedInAsync(Roles.Viewer, locale); // skips without a browser
        await signedIn.Context.CloseAsync();
        var context = await console.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = console.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 375, Height = 800 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = w("Mot de passe oublié ?", "Forgot your password?") }).ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/forgot-password", StringComparison.Ordinal));
        await ConsoleFixture.AccessibleAsync(page);
        await page.GetByLabel("E-mail").FillAsync(ConsoleFixtureBase.Email(Roles.Viewer));
        await page.GetByRole(AriaRole.Button, new() { Name = w("Envoyer le lien", "Send the link") }).ClickAsync();
        await page.WaitForSelectorAsync("[role=status]");
        Assert.Contains(w("valable 30 minutes", "valid for 30 minutes"), await page.Locator("[role=status]").InnerTextAsync());
        await ConsoleFixture.AccessibleAsync(page);

        var people = console.Services.GetRequiredService<People>();
        var person = (await people.FindAsync(ConsoleFixtureBase.Email(Roles.Viewer)))!;
        var token = People.NewInvitationToken();
        await console.Db.InTransactionAsync((c, tx) => people.InsertResetAsync(c, tx, person.Id, token, default));
        await page.GotoAsync($"/reset-password/{token}");
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#new-password").FillAsync("qwertyuiopasdfgh");
        await page.GetByRole(AriaRole.Button, new() { Name = w("Choisir un nouveau mot de passe", "Choose a new password") }).ClickAsync();
        await page.WaitForSelectorAsync("#new-password-errors");
        Assert.Contains(w("plus courants", "most common ones"), await page.Locator("#new-password-errors").InnerTextAsync());
        await ConsoleFixture.AccessibleAsync(page);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")); // no sideways scrolling at 375 px
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public async Task The_persons_own_page_changes_the_password_by_the_policy_and_offers_sign_out_everywhere(string locale)
    {
        var w = In(locale);
        var page = await console.SignedInAsync(Roles.Legal, locale);
        await page.SetViewportSizeAsync(375, 800);
        await page.GetByRole(AriaRole.Link, new() { Name = w("Mon compte", "My account") }).First.ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/account", StringComparison.Ordinal));
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#current-password").FillAsync(ConsoleFixtureBase.Password);
        await page.Locator("#new-password").FillAsync("password1234");
        await page.GetByRole(AriaRole.Button, new() { Name = w("Changer mon mot de passe", "Change my password") }).ClickAsync();
        await page.WaitForSelectorAsync("#new-password-errors");
        Assert.Contains(w("plus courants", "most common ones"), await page.Locator("#new-password-errors").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = w("Se déconnecter partout", "Sign out everywhere") }).IsVisibleAsync());
        await ConsoleFixture.AccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
