using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Contracts.Compliance;

/// <summary>
/// POST /api/v1/contracts/{id}/compliance/preview: the compliance of a contract with an edit applied (PATCH's body), nothing
/// saved; terms PATCH would refuse are a 400 problem naming the field; a viewer, who may not read contracts, a 403.
/// </summary>
public sealed class PreviewContractComplianceTests(SqliteApiFixture fixture) : ContractsApiTests(fixture), IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task An_edit_is_checked_before_it_is_saved_and_nothing_is_saved()
    {
        var creator = await CreateCreator("Preview Api Creator", new { country = "FR" });
        var (id, _, _) = await CreateContract(creator, CompleteTerms());
        var stored = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}/compliance")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(stored["findings"]!.AsArray(), f => (string)f!["rule"]! == "FR-GOVERNING-LAW-OTHER");

        var preview = await (await api.Client(Roles.Legal).PostJson($"{Contracts}/{id}/compliance/preview", new { terms = new { governingLaw = "BE" } }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("BE", (string)preview["governingLaw"]!);
        Assert.Contains(preview["findings"]!.AsArray(), f => (string)f!["rule"]! == "FR-GOVERNING-LAW-OTHER");
        Assert.False((bool)preview["compliant"]!);

        var after = await (await api.Client(Roles.Legal).GetAsync($"{Contracts}/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal("FR", (string)after["terms"]!["governingLaw"]!);
        Assert.Equal(1, (int)after["termsVersion"]!);

        var refused = await (await api.Client(Roles.Legal).PostJson($"{Contracts}/{id}/compliance/preview",
            new { terms = new { remuneration = new { fee = new { amount = -5, currency = "EUR" } } } })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("remuneration", refused["errors"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        await (await api.Client(Roles.Viewer).PostJson($"{Contracts}/{id}/compliance/preview", new { })).Expect(HttpStatusCode.Forbidden);
        await (await api.OtherWorkspace().PostJson($"{Contracts}/{id}/compliance/preview", new { })).Expect(HttpStatusCode.NotFound);
    }
}
