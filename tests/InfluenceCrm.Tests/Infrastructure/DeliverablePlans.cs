using System.Net;

namespace InfluenceCrm.Tests.Infrastructure;

/// <summary>A deliverable to send drafts to, made through the API: a new creator confirmed on a new campaign's roster, one reel planned.</summary>
internal static class DeliverablePlans
{
    /// <param name="Url">The deliverable's URL (drafts are posted to <see cref="Drafts"/>).</param>
    /// <param name="ETag">Its ETag as planned.</param>
    public sealed record Planned(string Creator, string Campaign, string Url, string ETag)
    {
        public string Drafts => Url + "/drafts";
    }

    public static async Task<Planned> PlanAsync(HttpClient client)
    {
        var m = Guid.NewGuid().ToString("N")[..8];
        var creator = (string)(await (await client.PostJson("/api/v1/creators", new { displayName = "Media " + m })).Expect(HttpStatusCode.Created))["id"]!;
        var campaign = (string)(await (await client.PostJson("/api/v1/campaigns", new { name = "Media " + m, brand = "Acme" }))
            .Expect(HttpStatusCode.Created))["id"]!;
        var added = await client.PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator });
        var member = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
        await (await client.Send(HttpMethod.Patch, $"/api/v1/campaigns/{campaign}/roster/{member}",
            new { status = "confirmed", agreedFee = new { amount = 50_000, currency = "EUR" } }, ifMatch: added.ETag())).Expect(HttpStatusCode.OK);
        var planned = await client.PostJson($"/api/v1/campaigns/{campaign}/deliverables",
            new { rosterMemberId = member, platform = "tiktok", format = "reel", market = "FR", dueOn = "2030-01-15", title = "Reel " + m });
        var deliverable = (string)(await planned.Expect(HttpStatusCode.Created))["id"]!;
        return new Planned(creator, campaign, $"/api/v1/campaigns/{campaign}/deliverables/{deliverable}", planned.ETag());
    }
}
