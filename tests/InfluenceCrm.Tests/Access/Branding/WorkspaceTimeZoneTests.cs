using System.Globalization;
using FluentValidation;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using InfluenceCrm.Tests.Console;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InfluenceCrm.Tests.Access.Branding;

/// <summary>
/// The workspace's time zone (Europe/Paris unless chosen, an IANA id from a list): the console shows times in it, in the
/// browser's culture (en-GB: 31/12/2026 14:30), and reads datetime-local inputs in it.
/// </summary>
public sealed class WorkspaceTimeZoneTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public void A_wall_clock_time_is_read_in_the_zone_and_a_time_skipped_by_the_clock_change_moves_forward()
    {
        var paris = WorkspaceTime.Find("Europe/Paris")!;
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero), WorkspaceTime.ToUtc(new DateTime(2026, 1, 15, 10, 0, 0), paris));
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 8, 0, 0, TimeSpan.Zero), WorkspaceTime.ToUtc(new DateTime(2026, 7, 15, 10, 0, 0), paris));
        // 02:30 never happens in Paris on 29 March 2026: the clocks go from 02:00 to 03:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), WorkspaceTime.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0), paris));
        var newYork = WorkspaceTime.Find("America/New_York");
        Assert.Equal(new DateTime(2026, 1, 15, 4, 0, 0), WorkspaceTime.ToLocal(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero), newYork));
        Assert.Contains("America/New_York", WorkspaceTime.Ids);
        Assert.DoesNotContain(WorkspaceTime.Ids, id => id.StartsWith("Etc/", StringComparison.Ordinal));
        Assert.Null(WorkspaceTime.Find("Mars/Olympus_Mons"));
        Assert.Null(WorkspaceTime.Find("../../etc/passwd"));
    }

    [Fact]
    public async Task A_zone_outside_the_list_is_refused_beside_its_field()
    {
        var branding = console.Services.GetRequiredService<WorkspaceBranding>();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => branding.SetTimeZoneAsync(console.MainWorkspaceId, "Mars/Olympus_Mons"));
        Assert.Equal("timeZone", refused.Errors.Single().PropertyName);
        Assert.Null(await branding.FindAsync(console.MainWorkspaceId));
    }

    [Fact]
    public async Task An_admin_chooses_new_york_and_the_audit_log_shows_its_times_there_in_british_format()
    {
        var page = await console.SignedInAsync(Roles.Admin, "en-GB");
        await page.GotoAsync("/settings/branding");
        Assert.Equal("Europe/Paris", await page.Locator("#timeZone").InputValueAsync());
        Assert.Equal("Times: Europe/Paris", await page.Locator(".account .zone").InnerTextAsync());
        await page.Locator("#timeZone").SelectOptionAsync("America/New_York");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForSelectorAsync("[role=status]:has-text('Saved')");
        await ConsoleFixture.AccessibleAsync(page);

        try
        {
            var before = DateTimeOffset.UtcNow.AddMinutes(-1);
            await page.GotoAsync("/legal/audit");
            Assert.Equal("Times: America/New_York", await page.Locator(".account .zone").InnerTextAsync());
            var shown = (await page.Locator("tbody tr th").First.InnerTextAsync()).Trim();
            var newYork = WorkspaceTime.Find("America/New_York")!;
            var british = CultureInfo.GetCultureInfo("en-GB");
            var expected = Enumerable.Range(0, 3).Select(m => WorkspaceTime.ToLocal(before.AddMinutes(m), newYork).ToString("g", british)).ToList();
            Assert.Contains(shown, expected); // dd/MM/yyyy HH:mm, New York's wall clock
        }
        finally
        {
            await console.Services.GetRequiredService<WorkspaceBranding>().SetTimeZoneAsync(console.MainWorkspaceId, null);
        }
    }
}
