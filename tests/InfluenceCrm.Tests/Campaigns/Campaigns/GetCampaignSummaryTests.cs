using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Campaigns.Campaigns;

/// <summary>The campaign summary: deliverables and roster counted, fees set against the budget.</summary>
public abstract class GetCampaignSummaryTests(ApiFixture fixture) : CampaignsApiTests(fixture)
{
    [Fact]
    public async Task The_summary_counts_deliverables_and_roster_and_sets_fees_against_budget()
    {
        var (id, _, _) = await CreateCampaign(new { budget = new { amount = 300_000, currency = "EUR" } });
        var (m1, _) = await Confirmed(id, await CreateCreator("Sum One"), fee: 200_000);
        var (m2, _) = await Confirmed(id, await CreateCreator("Sum Two"), fee: 150_000);
        await (await api.Client().PostJson($"{Campaigns}/{id}/roster", new { creatorId = await CreateCreator("Sum Three"), agreedFee = new { amount = 90_000, currency = "USD" } }))
            .Expect(HttpStatusCode.Created);
        await Plan(id, m1);
        await Plan(id, m2);

        var summary = await (await api.Client(Roles.Viewer).GetAsync($"{Campaigns}/{id}/summary")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (int)summary["deliverablesByStatus"]!["planned"]!);
        Assert.Equal(0, (int)summary["deliverablesByStatus"]!["published"]!);
        Assert.Equal(2, (int)summary["rosterByStatus"]!["confirmed"]!);
        Assert.Equal(1, (int)summary["rosterByStatus"]!["invited"]!);
        var fees = summary["fees"]!.AsArray();
        var eur = fees.Single(f => (string)f!["currency"]! == "EUR")!;
        Assert.Equal(350_000, (long)eur["committed"]!);
        var usd = fees.Single(f => (string)f!["currency"]! == "USD")!;
        Assert.Equal(90_000, (long)usd["pending"]!);
        Assert.False((bool)usd["inBudgetCurrency"]!);
        Assert.Equal(-50_000, (long)summary["remaining"]!);
        Assert.True((bool)summary["overBudget"]!);
        await (await api.OtherWorkspace().GetAsync($"{Campaigns}/{id}/summary")).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class GetCampaignSummaryOnSqlite(SqliteApiFixture api) : GetCampaignSummaryTests(api), IClassFixture<SqliteApiFixture>;

public sealed class GetCampaignSummaryOnSqlServer(SqlServerApiFixture api) : GetCampaignSummaryTests(api), IClassFixture<SqlServerApiFixture>;
