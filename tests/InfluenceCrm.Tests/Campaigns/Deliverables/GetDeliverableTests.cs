using InfluenceCrm.Campaigns;

namespace InfluenceCrm.Tests.Campaigns.Deliverables;

/// <summary>
/// What GetDeliverable's answer tells the console to offer: the workflow's steps the deliverable's status allows, and whether its
/// plan may still change. Neither is on the wire (the record also travels in webhooks, the portal and the personal-data export).
/// </summary>
public sealed class GetDeliverableTests
{
    [Theory]
    [InlineData("planned", "submit cancel", true)]
    [InlineData("draft_submitted", "approve request_changes cancel", true)]
    [InlineData("changes_requested", "submit cancel", true)]
    [InlineData("resubmitted", "approve request_changes cancel", true)]
    [InlineData("approved", "publish cancel", true)]
    [InlineData("published", "verify", false)]
    [InlineData("verified", "", false)]
    [InlineData("cancelled", "", false)]
    public void A_deliverable_offers_the_moves_its_status_allows(string status, string moves, bool editable)
    {
        var deliverable = new DeliverableView("dlv_1", "cmp_1", "rst_1", "cr_1", "tiktok", "reel", null, "FR", new DateOnly(2030, 1, 15), "Reel", status,
            null, null, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        Assert.Equal(moves.Split(' ', StringSplitOptions.RemoveEmptyEntries), deliverable.Moves);
        Assert.Equal(editable, deliverable.Editable);
        var json = System.Text.Json.JsonSerializer.Serialize(deliverable, System.Text.Json.JsonSerializerOptions.Web);
        Assert.DoesNotContain("\"moves\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"editable\"", json, StringComparison.Ordinal);
    }
}
