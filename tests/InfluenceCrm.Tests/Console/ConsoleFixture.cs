using Deque.AxeCore.Playwright;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console;

/// <summary>
/// One real host (Kestrel, a free port, a fresh database of the engine given) and one Chromium per test class. Chromium is
/// the one named by INFLUENCECRM_CHROMIUM, else `chromium` on PATH (Debian's package: .ci/run installs it), else
/// Playwright's own; without any, the browser tests are skipped with that reason.
/// </summary>
public abstract class ConsoleFixtureBase(DatabaseProvider engine) : ApiFixture, IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private readonly TestDatabase database = TestDatabase.For(engine);
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string? BrowserSkipReason { get; private set; }

    public override DatabaseProvider Provider => engine;

    protected override bool RealServer => true;

    protected override Task<string?> CreateDatabaseAsync() => database.CreateAsync(Unavailable);

    protected override Task DropDatabaseAsync() => database.DropAsync();

    public static string Email(string role) => $"{role}@acme.example";

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        if (SkipReason is not null)
        {
            return; // this engine is not available here: every test of the class reports skipped with the reason
        }

        var people = Services.GetRequiredService<People>();
        var other = await Services.GetRequiredService<AccessStore>().FindWorkspaceAsync("other");
        foreach (var role in Roles.All)
        {
            await people.EnsureMemberAsync(Email(role), $"{char.ToUpperInvariant(role[0])}{role[1..]} Person", Password, MainWorkspaceId, role);
        }

        await people.EnsureMemberAsync(Email(Roles.Admin), null, null, other!.Id, Roles.Viewer); // an agency person: two workspaces

        var executable = Environment.GetEnvironmentVariable("INFLUENCECRM_CHROMIUM") is { Length: > 0 } named ? named
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(d => new[] { Path.Combine(d, "chromium"), Path.Combine(d, "chromium-browser") })
                .FirstOrDefault(File.Exists);
        try
        {
            playwright = await Playwright.CreateAsync();
            Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-dev-shm-usage"],
            });
        }
        catch (PlaywrightException e)
        {
            BrowserSkipReason = $"No Chromium could be started (install Debian's chromium, or set INFLUENCECRM_CHROMIUM): {e.Message.Split('\n')[0]}";
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (BrowserSkipReason is null && Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await DisposeAsync();
    }

    /// <summary>
    /// 0 serious or critical accessibility violations (axe-core), one h1. With INFLUENCECRM_SCREENSHOTS set to a folder,
    /// the page is also saved there as a PNG (the README's screenshots come from `INFLUENCECRM_SCREENSHOTS=build/screenshots`).
    /// </summary>
    public static async Task AccessibleAsync(IPage page, bool stylesheetMarker = true)
    {
        // A click that navigates returns once the new page commits, and a selector can match before its stylesheet
        // loads: the checks below want the page as a person sees it. Asked of the document itself: Playwright's own load
        // state, which a CI run once never received after a redirect, is not waited for.
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        if (Environment.GetEnvironmentVariable("INFLUENCECRM_SCREENSHOTS") is { Length: > 0 } folder)
        {
            var name = new Uri(page.Url).AbsolutePath.Trim('/').Replace('/', '-') is { Length: > 0 } path ? path : "today";
            Directory.CreateDirectory(folder);
            var phone = page.ViewportSize is { Width: < 600 }; // a phone's page is kept at its width, and named so
            if (!phone)
            {
                await page.SetViewportSizeAsync(1280, 800);
            }

            name = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(name, "[a-z]+_[0-9A-Z]{26}", "id"), "^consent-.*",
                "consent");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + (phone ? "-phone" : "") + ".png"), FullPage = false });
        }

        // Our stylesheet applies on this page too (a relative href once resolved against nested paths, and the CSP's
        // base-uri 'none' refused <base href="/">: pages below the root were unstyled).
        if (stylesheetMarker)
        {
            Assert.Equal("absolute", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.skip')).position"));
        }

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} node(s): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))})").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: {string.Join("; ", serious)}");
        Assert.Equal(1, await page.Locator("h1").CountAsync());
    }

    /// <summary>
    /// Waits for the page at a URL matching <paramref name="url"/> to be committed and parsed to its end. Waiting for its
    /// <c>load</c> event instead (WaitForURL's default) timed out about one CI run in three after a form post's redirect,
    /// with the network idle: nothing here depends on that event. The console's own script is the body's last element: once
    /// it is attached the page is parsed, and once the document is no longer loading that script has run, which a browser
    /// does only after the stylesheets have loaded: the page is whole and styled.
    /// </summary>
    public static async Task WaitForPageAsync(IPage page, Func<string, bool> url)
    {
        await WaitForUrlAsync(page, url, TimeSpan.FromSeconds(60));
        await page.Locator("script[src*='console']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'");
    }

    /// <summary>
    /// Waits for the page's address to match, by reading it. Playwright's WaitForURL, when the address already matches (the
    /// redirect came back before the wait began), waits for that document's <c>load</c> event whatever WaitUntil says
    /// (Commit maps to no load state, hence Load): a CI run hung there for 60 s with the page long shown. On a timeout it
    /// fails with the address and what the page says, as a person would report it.
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, Func<string, bool> url, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!url(page.Url))
        {
            if (waited.Elapsed > timeout)
            {
                var said = await page.EvaluateAsync<string>(
                    "[...document.querySelectorAll('h1, .alert, .validation-message, .error, [id$=-error]')].map(e => e.innerText).join(' | ')");
                throw new TimeoutException($"{page.Url} after {timeout.TotalSeconds:0} s is not the page awaited; it says: {said}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>A fresh browser context (its own cookies) signed in as the role's person, in the given language.</summary>
    public async Task<IPage> SignedInAsync(string role, string locale = "fr-FR")
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }

        if (BrowserSkipReason is not null)
        {
            Assert.Skip(BrowserSkipReason);
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = locale });
        // Twice Playwright's 30 s: on a loaded 2-core machine a page with charts was seen to take longer, and no wait here is a sleep.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel(locale.StartsWith("fr", StringComparison.Ordinal) ? "E-mail" : "E-mail").FillAsync(Email(role));
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await WaitForPageAsync(page, url => !url.Contains("/sign-in", StringComparison.Ordinal));
        if (await page.Locator("h1").CountAsync() != 1)
        {
            throw new Xunit.Sdk.XunitException($"After signing in as {role}, {page.Url} shows: {(await page.ContentAsync())[..Math.Min(2000,
                (await page.ContentAsync()).Length)]}");
        }

        // Our stylesheet is served and applied (the skip link waits off-screen until focused).
        var stylesheet = await page.EvaluateAsync<string>("document.querySelector('link[rel=stylesheet]').href");
        var css = await page.APIRequest.GetAsync(stylesheet);
        if (css.Status != 200 || !(css.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/css", StringComparison.Ordinal)))
        {
            throw new Xunit.Sdk.XunitException($"{stylesheet} answered {css.Status} {string.Join(", ", css.Headers.Select(h => $"{h.Key}={h.Value}"))}");
        }

        return page;
    }
}

/// <summary>The console on SQLite, the embedded default.</summary>
public sealed class ConsoleFixture() : ConsoleFixtureBase(DatabaseProvider.Sqlite);

/// <summary>The console on SQL Server (the leg's server; skipped with the reason where none answers).</summary>
public sealed class SqlServerConsoleFixture() : ConsoleFixtureBase(DatabaseProvider.SqlServer);
