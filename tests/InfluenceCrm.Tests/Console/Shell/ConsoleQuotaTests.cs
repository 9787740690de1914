using System.Net;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Console.Shell;

public sealed class ConsoleQuotaFixture : SqliteApiFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:PermitsPerMinute"] = "4",
        ["RateLimiting:ConsolePermitsPerMinute"] = "12",
    };
}

/// <summary>People browsing the console and the integrations calling the API draw on separate quotas.</summary>
public sealed class ConsoleQuotaTests(ConsoleQuotaFixture api) : IClassFixture<ConsoleQuotaFixture>
{
    [Fact]
    public async Task Browsing_the_console_leaves_the_api_quota_alone_and_an_exhausted_api_quota_leaves_the_console_alone()
    {
        var integration = api.Client(Roles.Integration);
        var first = await integration.GetAsync("/api/v1/creators");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.StartsWith("\"api\";r=3;", first.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);

        var person = await ConsoleSession.SignedInAsync(api, "browsing@acme.example", Roles.Brand);
        for (var i = 0; i < 6; i++)
        {
            var page = await person.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.StartsWith("\"console\";", page.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        }

        // The key's quota lost only its own request: three left before, two now.
        var second = await integration.GetAsync("/api/v1/creators");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.StartsWith("\"api\";r=2;", second.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/v1/creators")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await integration.GetAsync("/api/v1/creators")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/")).StatusCode);

        // The console has a limit of its own, per person: this one reaches it, another person of the workspace goes on.
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12 && limited is null; i++)
        {
            var page = await person.GetAsync("/");
            limited = page.StatusCode == HttpStatusCode.TooManyRequests ? page : null;
        }

        Assert.NotNull(limited);
        Assert.Contains("each person", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var colleague = await ConsoleSession.SignedInAsync(api, "colleague@acme.example", Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/")).StatusCode);
    }
}
