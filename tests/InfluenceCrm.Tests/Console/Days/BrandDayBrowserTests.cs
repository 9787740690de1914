using System.Globalization;
using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Console;

/// <summary>
/// A brand manager's day in a real browser, in French and in English, every step of theirs in the browser: a creator added by
/// hand, a campaign with two objectives, the creator on its roster with a fee, a deliverable planned, the creator's draft
/// (sent from the creator's side, through the API as the portal does) reviewed and approved, the post published (its time
/// entered on the workspace's clock, Europe/Paris), a tracked link with its QR code, the report. Each result shows as a toast.
/// </summary>
public sealed class BrandDayBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private static ILocator Submit(IPage page, string form) => page.Locator($"form:has(input[name=_handler][value='{form}']) button[type=submit]").First;

    /// <summary>
    /// The write's result (?done=<paramref name="done"/> after its redirect) as a toast; else the test fails with what the page says instead.
    /// </summary>
    private static async Task ToastAsync(IPage page, string done)
    {
        try
        {
            await ConsoleFixture.WaitForUrlAsync(page, url => url.Contains("done=" + done, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            await page.Locator(".toast.result[role=status]").WaitForAsync();
        }
        catch (TimeoutException)
        {
            var said = await page.EvaluateAsync<string>(
                "[...document.querySelectorAll('.alert, .validation-message, .error, [id$=-error]')].map(e => e.innerText).join(' | ')");
            Assert.Fail($"{page.Url}: no result shown; the page says: {said}");
        }

        await ConsoleFixture.AccessibleAsync(page);
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("en-GB")]
    public async Task A_brand_manager_adds_a_creator_runs_a_campaign_approves_and_publishes_a_post_and_reads_its_link_and_report(string locale)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var page = await console.SignedInAsync(Roles.Brand, locale);

        // A creator, by hand.
        await page.GotoAsync("/creators/new");
        await ConsoleFixture.AccessibleAsync(page);
        var creatorName = $"Léa Day {tag}";
        await page.Locator("#displayName").FillAsync(creatorName);
        await page.Locator("#email").FillAsync($"lea.{tag}@example.com");
        await page.Locator("#platform").SelectOptionAsync("instagram");
        await page.Locator("#handle").FillAsync("@lea" + tag);
        await page.Locator("#followers").FillAsync("48000");
        await page.Locator("form button[type=submit].btn-primary").ClickAsync();
        await ToastAsync(page, "created");
        Assert.Equal(creatorName, await page.Locator("h1").InnerTextAsync());

        // A campaign with two objectives.
        await page.GotoAsync("/campaigns/new");
        var name = $"Sérum {tag}";
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#brand").FillAsync("Acme Beauty");
        await page.Locator("input[name='Form.Platforms'][value=instagram]").CheckAsync();
        await page.Locator("#target-visibility").FillAsync("200000");
        await page.Locator("#target-engagement").FillAsync("4");
        await page.Locator("#budget").FillAsync("12000");
        await page.Locator("#startsOn").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.Locator("#endsOn").FillAsync(DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Submit(page, "new-campaign").ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/campaigns/cmp_", StringComparison.Ordinal));
        Assert.Equal(name, await page.Locator("h1").InnerTextAsync());
        var campaignId = new Uri(page.Url).AbsolutePath.Split('/')[2];

        // The creator on the roster with a fee; a deliverable planned.
        await page.Locator("#creatorQ").FillAsync(tag);
        await page.Locator("form:has(#creatorQ) button[type=submit]").ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("creatorQ=", StringComparison.Ordinal));
        await page.Locator("#creator").SelectOptionAsync(new SelectOptionValue { Label = creatorName });
        await page.Locator("#fee").FillAsync("1500");
        await Submit(page, "roster").ClickAsync();
        await page.WaitForSelectorAsync($"table >> text={creatorName}");
        var roster = (await page.Locator("table").First.InnerTextAsync()).Replace('\u202f', ' ').Replace('\u00a0', ' ');
        Assert.Contains(locale == "fr-FR" ? "1 500,00 €" : "€1,500.00", roster, StringComparison.Ordinal);
        await page.Locator("#deliverableTitle").FillAsync("Reel routine " + tag);
        await page.Locator("#dueOn").FillAsync(DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Submit(page, "plan").ClickAsync();
        await page.WaitForSelectorAsync($".board >> text=Reel routine {tag}");
        await ConsoleFixture.AccessibleAsync(page);
        var deliverableHref = await page.Locator($".board a:has-text('Reel routine {tag}')").GetAttributeAsync("href");
        var deliverableId = deliverableHref!.Split("/deliverables/")[1];

        // The creator's draft arrives (the creator's side: the portal or an integration).
        var read = await console.Client().GetAsync($"/api/v1/campaigns/{campaignId}/deliverables/{deliverableId}");
        await (await console.Client(Roles.Integration).Send(HttpMethod.Post, $"/api/v1/campaigns/{campaignId}/deliverables/{deliverableId}/drafts",
            new { caption = "Publicité – ma routine avec @acme", media = new[] { "https://cdn.example.com/d1.jpg" } },
            read.ETag())).Expect(HttpStatusCode.OK);

        // Reviewed and approved.
        await page.GotoAsync(deliverableHref);
        await page.Locator("#comment").FillAsync("Parfait, merci !");
        await page.Locator("button[value=approved]").ClickAsync();
        await ToastAsync(page, "approved");

        // The campaign goes live (planned, then live: only the moves the rules allow are offered).
        await page.GotoAsync($"/campaigns/{campaignId}");
        foreach (var (status, next) in new[] { ("planned", "live"), ("live", "completed") })
        {
            await page.Locator("#status").SelectOptionAsync(status);
            await Submit(page, "status").ClickAsync();
            await page.Locator($"#status option[value={next}]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }

        await page.GotoAsync(deliverableHref);

        // Published: the time is typed on the workspace's clock (Europe/Paris) and kept as that instant.
        var paris = WorkspaceTime.Find("Europe/Paris")!;
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var wall = WorkspaceTime.ToLocal(at, paris);
        await page.Locator("#postUrl").FillAsync($"https://instagram.com/p/{tag}");
        await page.Locator("#publishedAt").FillAsync(wall.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        Assert.Contains("Europe/Paris", await page.Locator("label[for=publishedAt]").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#finalCaption").FillAsync("Publicité – ma routine du matin avec @acme");
        await page.Locator("#paidLabel").CheckAsync();
        await Submit(page, "publish").ClickAsync();
        await ToastAsync(page, "published");
        Assert.Contains(wall.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var published = await (await console.Client().GetAsync($"/api/v1/campaigns/{campaignId}/deliverables/{deliverableId}")).Expect(HttpStatusCode.OK);
        var stored = DateTimeOffset.Parse((string)published["publication"]!["publishedAt"]!, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((stored - at).TotalMinutes) < 1.5, $"{wall:HH:mm} in Paris was stored as {stored:O}, not about {at:O}");

        // A tracked link for the post, with its QR code.
        await page.GotoAsync($"/campaigns/{campaignId}/links");
        await ConsoleFixture.AccessibleAsync(page);
        await page.Locator("#deliverable").SelectOptionAsync(deliverableId);
        await page.Locator("#destination").FillAsync("https://shop.example.com/serum");
        await Submit(page, "new-link").ClickAsync();
        await ConsoleFixture.WaitForPageAsync(page, url => url.Contains("/links/", StringComparison.Ordinal));
        Assert.StartsWith("data:image/png;base64,", await page.Locator("figure.qr img").GetAttributeAsync("src"), StringComparison.Ordinal);
        await ConsoleFixture.AccessibleAsync(page);

        // The report.
        await page.GotoAsync($"/campaigns/{campaignId}/report");
        await ConsoleFixture.AccessibleAsync(page);
        Assert.Equal(4, await page.Locator("figure.chart").CountAsync());
        await page.Context.CloseAsync();
    }
}
