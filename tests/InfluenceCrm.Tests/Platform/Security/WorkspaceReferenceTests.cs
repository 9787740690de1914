using System.Net;
using System.Text.Json.Nodes;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Platform.Http;

namespace InfluenceCrm.Tests.Platform.Security;

/// <summary>
/// Every id a request names must be the caller's workspace's. Here each request property that points at another module's
/// resource is sent from workspace "other" with an id of workspace "main", and must be refused with nothing written.
/// (Ids of the module's own resources are covered by the modules' 404 tests.)
/// </summary>
public sealed class WorkspaceReferenceTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Ids_of_another_workspace_are_refused_in_every_cross_module_reference()
    {
        // In "main": a creator with a deliverable.
        var creator = (string)(await (await api.Client().PostJson("/api/v1/creators", new { displayName = "Main creator" })).Expect(HttpStatusCode.Created))["id"]!;
        var campaign = (string)(await (await api.Client().PostJson("/api/v1/campaigns", new { name = "Main", brand = "Main" })).Expect(HttpStatusCode.Created))["id"]!;
        var added = await api.Client().PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator });
        var member = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
        var deliverable = (string)(await (await api.Client().PostJson($"/api/v1/campaigns/{campaign}/deliverables",
            new { rosterMemberId = member, platform = "instagram", format = "post", market = "FR", dueOn = "2030-01-01" })).Expect(HttpStatusCode.Created))["id"]!;

        // In "other": its own campaign with its own confirmed creator, so that only the foreign id is wrong.
        var other = api.OtherWorkspace();
        var ownCreator = (string)(await (await other.PostJson("/api/v1/creators", new { displayName = "Other creator" })).Expect(HttpStatusCode.Created))["id"]!;
        var ownCampaign = (string)(await (await other.PostJson("/api/v1/campaigns", new { name = "Other", brand = "Other" })).Expect(HttpStatusCode.Created))["id"]!;
        var ownAdded = await other.PostJson($"/api/v1/campaigns/{ownCampaign}/roster", new { creatorId = ownCreator });
        var ownMember = (string)(await ownAdded.Expect(HttpStatusCode.Created))["id"]!;
        await (await other.Send(HttpMethod.Patch, $"/api/v1/campaigns/{ownCampaign}/roster/{ownMember}",
            new { status = "confirmed", agreedFee = new { amount = 1000, currency = "EUR" } }, ifMatch: ownAdded.ETag())).Expect(HttpStatusCode.OK);

        var asset = new JsonObject
        {
            ["sourceUrl"] = "https://instagram.com/p/x",
            ["platform"] = "instagram",
            ["authorHandle"] = "someone",
            ["mediaType"] = "image",
        };
        await Refused(other.PostJson("/api/v1/ugc/assets", With(asset, "creatorId", creator)), "creatorId");
        await Refused(other.PostJson("/api/v1/ugc/assets", With(asset, "deliverableId", deliverable)), "deliverableId");
        await Refused(other.PostJson("/api/v1/promo-codes", new { code = "FOREIGN1", campaignId = ownCampaign, creatorId = creator }), "creatorId");
        await (await other.PostJson("/api/v1/promo-codes", new { code = "FOREIGN2", campaignId = campaign, creatorId = ownCreator })).Expect(HttpStatusCode.NotFound);
        var contract = JsonNode.Parse(FuzzSeeds.Bodies["POST /api/v1/contracts"].Replace("{creatorId}", ownCreator).Replace("{campaignId}", ownCampaign)
            .Replace("{deliverableId}", deliverable).Replace("{unique}", "x"))!;
        await Refused(other.PostJson("/api/v1/contracts", contract), "terms.missions[0].deliverableId");
        await Refused(other.PostJson("/api/v1/contracts", JsonNode.Parse(contract.ToJsonString().Replace(ownCreator, creator))!), "creatorId");
        await (await other.PostJson("/api/v1/links", new { campaignId = ownCampaign, creatorId = creator, destination = "https://shop.example.com/" })).Expect(HttpStatusCode.BadRequest);
        await (await other.PostJson($"/api/v1/campaigns/{ownCampaign}/roster", new { creatorId = creator })).Expect(HttpStatusCode.BadRequest);

        var assets = await (await other.GetAsync("/api/v1/ugc/takedowns")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(creator, assets.ToJsonString(), StringComparison.Ordinal);
    }

    private static JsonObject With(JsonObject body, string name, string value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[name] = value;
        return copy;
    }

    private static async Task Refused(Task<HttpResponseMessage> call, string field)
    {
        var response = await call;
        var problem = await response.Expect(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }
}
