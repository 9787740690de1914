using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Payments;

/// <summary>Milestone payments recorded once, listed due, overdue and paid, with totals.</summary>
public abstract class RecordMilestonePaymentTests(ApiFixture fixture) : ContractsApiTests(fixture)
{
    [Fact]
    public async Task Payments_are_recorded_once_and_listed_due_overdue_paid_with_totals()
    {
        var creator = await CreateCreator("Paid Creator");
        var (draft, _, draftBody) = await CreateContract(creator, CompleteTerms());
        await (await api.Client().PostJson($"{Contracts}/{draft}/milestones/{(string)draftBody["milestones"]![0]!["id"]!}/payment",
            new { paidAt = DateTimeOffset.UtcNow, reference = "X" })).Expect(HttpStatusCode.Conflict);

        var (id, _) = await SignedContract(creator, CompleteTerms(fee: 100_000));
        var contract = await (await api.Client().GetAsync($"{Contracts}/{id}")).Json();
        var overdueId = (string)contract["milestones"]!.AsArray().Single(m => (string)m!["label"]! == "On signature")!["id"]!;

        var overdue = await (await api.Client().GetAsync($"{Contracts}/payments?state=overdue&creatorId={creator}")).Expect(HttpStatusCode.OK);
        Assert.Equal([overdueId], overdue["items"]!.AsArray().Select(p => (string)p!["milestoneId"]!));
        var due = await (await api.Client().GetAsync($"{Contracts}/payments?state=due&from={Day(0)}&to={Day(30)}&creatorId={creator}")).Expect(HttpStatusCode.OK);
        Assert.Single(due["items"]!.AsArray());

        var url = $"{Contracts}/{id}/milestones/{overdueId}/payment";
        await (await api.Client().PostJson(url, new { paidAt = DateTimeOffset.UtcNow.AddDays(2), reference = "VIR-1" })).Expect(HttpStatusCode.BadRequest);
        await (await api.Client().PostJson(url, new { paidAt = DateTimeOffset.UtcNow.AddHours(-1), reference = "VIR-1" })).Expect(HttpStatusCode.OK);
        await (await api.Client().PostJson(url, new { paidAt = DateTimeOffset.UtcNow.AddHours(-1), reference = "VIR-1" })).Expect(HttpStatusCode.OK);
        await (await api.Client().PostJson(url, new { paidAt = DateTimeOffset.UtcNow, reference = "VIR-2" })).Expect(HttpStatusCode.Conflict);
        await (await api.OtherWorkspace().PostJson(url, new { paidAt = DateTimeOffset.UtcNow, reference = "VIR-1" })).Expect(HttpStatusCode.NotFound);

        var paid = await (await api.Client().GetAsync($"{Contracts}/payments?state=paid&from={Day(-1)}&to={Day(0)}&creatorId={creator}")).Expect(HttpStatusCode.OK);
        Assert.Equal("VIR-1", (string)paid["items"]![0]!["paymentReference"]!);
        Assert.Empty((await (await api.Client().GetAsync($"{Contracts}/payments?state=overdue&creatorId={creator}")).Json())["items"]!.AsArray());

        var totals = await (await api.Client().GetAsync($"{Contracts}/payments/totals?creatorId={creator}")).Expect(HttpStatusCode.OK);
        var eur = totals["items"]!.AsArray().Single()!;
        Assert.Equal(50_000, (long)eur["paid"]!["amount"]!);
        Assert.Equal(50_000, (long)eur["owed"]!["amount"]!);
        await (await api.Client().GetAsync($"{Contracts}/payments?state=someday")).Expect(HttpStatusCode.BadRequest);

        await using var c = await api.Db.OpenAsync();
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_audit_log WHERE entity_id = @id AND action = 'contract.milestone_paid'", new { id }));
    }
}

public sealed class RecordMilestonePaymentOnSqlite(SqliteApiFixture api) : RecordMilestonePaymentTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RecordMilestonePaymentOnSqlServer(SqlServerApiFixture api) : RecordMilestonePaymentTests(api), IClassFixture<SqlServerApiFixture>;
