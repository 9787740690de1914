using System.Globalization;
using System.Net;
using InfluenceCrm.Access;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Tests.Access.AuditLog;

/// <summary>
/// The audit log as legal reads it in the console (ReadAuditLog, ListAuditActors): days as typed, "to" including its whole
/// day; people named at read time, their address and the API keys for admins only.
/// </summary>
public sealed class ReadAuditLogTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task The_export_filters_by_whole_days_and_names_the_people_its_entries_name()
    {
        var m = Guid.NewGuid().ToString("N")[..8];
        var email = $"lena{m}@acme.example";
        var legal = await ConsoleSession.SignedInAsync(api, email, Roles.Legal); // its sign-in is audited, today
        var person = (await api.Services.GetRequiredService<People>().FindAsync(email))!.Id;
        var today = DateTime.UtcNow.Date;
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var csv = await legal.GetStringAsync($"/legal/audit.csv?entityId={person}&from={Day(0)}&to={Day(0)}");
        var signedIn = csv.Split("\r\n").Single(l => l.Contains("person.signed_in", StringComparison.Ordinal));
        Assert.Contains($",lena{m},", signedIn, StringComparison.Ordinal); // the actor by name, not by address: legal is no admin
        Assert.DoesNotContain(email, csv, StringComparison.Ordinal);
        foreach (var (from, to) in new[] { (Day(1), ""), ("", Day(-1)) })
        {
            var none = await legal.GetStringAsync($"/legal/audit.csv?entityId={person}&from={from}&to={to}");
            Assert.Equal(["occurred_at,action,entity_type,entity_id,actor,actor_name,details"], none.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        }

        _ = api.Client(); // the workspace has an API key
        var admin = await ConsoleSession.SignedInAsync(api, $"ada{m}@acme.example", Roles.Admin);
        var adminPage = WebUtility.HtmlDecode(await admin.GetStringAsync($"/legal/audit?entityId={person}"));
        Assert.Contains($"lena{m} <{email}>", adminPage, StringComparison.Ordinal);
        Assert.Contains("API key \"", adminPage, StringComparison.Ordinal);
        var legalPage = WebUtility.HtmlDecode(await legal.GetStringAsync($"/legal/audit?entityId={person}"));
        Assert.Contains($"lena{m}", legalPage, StringComparison.Ordinal);
        Assert.DoesNotContain(email, legalPage, StringComparison.Ordinal);
        Assert.DoesNotContain("API key \"", legalPage, StringComparison.Ordinal);
    }
}
