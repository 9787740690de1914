using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace InfluenceCrm.Generated;

/// <summary>
/// What an integration engineer does with the client NSwag generated from our document, through its typed calls only:
/// compiled at test time against that client (a document that lies about a body, a type or an error breaks it).
/// </summary>
public static class Scenario
{
    public static async Task<string> RunAsync(HttpClient admin, HttpClient visitor)
    {
        var api = new InfluenceCrmClient(admin);
        var tag = Guid.NewGuid().ToString("N")[..8];

        // Creators, paged through.
        for (var i = 0; i < 3; i++)
        {
            await api.RegisterCreatorAsync($"creator-{tag}-{i}", new RegisterCreatorRequest
            {
                DisplayName = $"Typed {tag} {i}", Stage = RegisterCreatorRequestStage.Prospect, Country = "FR", Languages = ["fr"], Tags = [tag],
            });
        }

        var seen = 0;
        string? cursor = null;
        do
        {
            var page = await api.SearchCreatorsAsync(null, null, null, null, tag, null, null, null, 2, cursor);
            seen += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Check(seen == 3, $"paged through {seen} creators, not 3");
        var creator = (await api.SearchCreatorsAsync(null, null, null, null, tag, null, null, null, 1, null)).Items.Single();
        Check(creator.Stage == CreatorViewStage.Prospect, "the stage reads back as an enum");

        // Minimal bodies: what the API lets a client leave out, the client leaves out (it sent "url": null and the like
        // while the document declared every property of a nested or positional record required).
        var withAccount = await api.AddSocialAccountAsync(creator.Id, null,
            new SocialAccountInput { Platform = SocialAccountInputPlatform.Tiktok, Handle = $"ana.{tag}", Followers = 1200 });
        Check(withAccount.SocialAccounts.Count == 1, $"{withAccount.SocialAccounts.Count} social accounts");
        Sent(api, "followers,handle,platform");

        // A campaign, its roster and a deliverable planned, drafted and approved.
        var campaign = await api.CreateCampaignAsync(null, new CreateCampaignRequest
        {
            Name = $"Typed {tag}", Brand = "Acme", Markets = ["FR"], Objectives = [new Objective { Type = ObjectiveType.Sales, Target = 10 }],
            Budget = new Money { Amount = 1_000_000, Currency = "EUR" }, StartsOn = DateTimeOffset.UtcNow.Date.AddDays(-1),
                EndsOn = DateTimeOffset.UtcNow.Date.AddDays(30),
        });
        Sent(api, "target,type", body => body["objectives"]![0]!);
        var member = await api.AddRosterMemberAsync(campaign.Id, null, new AddRosterMemberBody { CreatorId = creator.Id });
        Sent(api, "creatorId");
        var deliverable = await api.PlanDeliverableAsync(campaign.Id, null, new PlanDeliverableRequest
        {
            RosterMemberId = member.Id, Platform = PlanDeliverableRequestPlatform.Instagram, Format = PlanDeliverableRequestFormat.Post, Market = "FR",
            DueOn = DateTimeOffset.UtcNow.Date.AddDays(5),
        });
        var drafted = await api.SubmitDeliverableDraftAsync(campaign.Id, deliverable.Id, ETag(deliverable.Version),
            new SubmitDeliverableDraftBody { Caption = "Mon sérum préféré #publicité @acme", Media = ["https://cdn.example.com/draft-1.jpg"] });
        Check(drafted.Status == DeliverableViewStatus.Draft_submitted, $"drafted: {drafted.Status}");
        var approved = await api.ReviewDeliverableDraftAsync(campaign.Id, deliverable.Id, ETag(drafted.Version),
            new ReviewDeliverableDraftBody { Verdict = ReviewDeliverableDraftBodyVerdict.Approved });
        Check(approved.Status == DeliverableViewStatus.Approved, $"approved: {approved.Status}");

        // A stale If-Match is a typed 412 problem.
        var stale = await Problem(() => api.ReviewDeliverableDraftAsync(campaign.Id, deliverable.Id, ETag(drafted.Version),
            new ReviewDeliverableDraftBody { Verdict = ReviewDeliverableDraftBodyVerdict.Approved }));
        Check(stale.Status == 412, $"stale If-Match: {stale.Status}");

        // A tracked link, followed by a visitor, then a conversion that names its click.
        var link = await api.CreateLinkAsync(null,
            new CreateLinkRequest { CampaignId = campaign.Id, DeliverableId = deliverable.Id, Destination = "https://shop.example.com/serum" });
        Sent(api, "campaignId,deliverableId,destination");
        string location;
        try
        {
            await new InfluenceCrmClient(visitor).FollowLinkAsync(link.Code);
            throw new InvalidOperationException("the redirect answered 2xx");
        }
        catch (ApiException redirect) when (redirect.StatusCode == 302)
        {
            location = redirect.Headers["Location"].Single();
        }

        var clickId = location.Split("icid=")[1];
        for (var wait = 0; (await api.ListLinksAsync(campaign.Id, null, null, null, null, null)).Items.Single().Clicks == 0; wait++)
        {
            Check(wait < 100, "the click was not counted within 5 s");
            await Task.Delay(50); // clicks are stored in batches, a few milliseconds after the redirect
        }

        var conversion = await api.RecordConversionAsync(new RecordConversionRequest
        {
            Source = "shop", OrderId = $"order-{tag}", Amount = new Money { Amount = 4_990, Currency = "EUR" }, OccurredAt = DateTimeOffset.UtcNow,
                ClickId = clickId,
        });
        Check(conversion.Attribution == RecordConversionConversionViewAttribution.Click,
            $"attribution: {conversion.Attribution} ({conversion.AttributionReason})");

        // The report counts the click and the conversion.
        var report = await api.GetCampaignReportAsync(campaign.Id, null, null, "creator");
        Check(report.Totals.Clicks == 1, $"report: {report.Totals.Clicks} clicks");
        Check(report.Totals.Conversions == 1 && report.Totals.Revenue == 4_990,
            $"report: {report.Totals.Conversions} conversions, revenue {report.Totals.Revenue}");

        // Typed 404 and 409 problems.
        var missing = await Problem(() => api.GetCreatorAsync("cr_missing", null));
        Check(missing.Status == 404 && missing.Title is not null, $"missing creator: {missing.Status}");
        var conflict = await Problem(() => api.ChangeCampaignStatusAsync(campaign.Id, ETag(campaign.Version),
            new ChangeCampaignStatusBody { Status = ChangeCampaignStatusBodyStatus.Completed }));
        Check(conflict.Status == 409, $"draft → completed: {conflict.Status}");
        return "done";
    }

    private static string ETag(long version) => $"\"{version}\"";

    /// <summary>Checks the properties of the last body the client sent (or of a part of it), in alphabetical order.</summary>
    private static void Sent(InfluenceCrmClient api, string expected, Func<JsonNode, JsonNode>? part = null)
    {
        var body = JsonNode.Parse(api.SentBodies[^1])!;
        var names = string.Join(",", (part is null ? body : part(body)).AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Check(names == expected, $"the client sent {names}, not only {expected}: {api.SentBodies[^1]}");
    }

    private static async Task<Problem> Problem(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ApiException<Problem> e)
        {
            return e.Result;
        }

        throw new InvalidOperationException("the call succeeded; a problem was expected");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }
}

/// <summary>Keeps the body of each request, to check what the client puts on the wire.</summary>
public partial class InfluenceCrmClient
{
    public List<string> SentBodies { get; } = [];

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        if (request.Content is { } content)
        {
            SentBodies.Add(content.ReadAsStringAsync().GetAwaiter().GetResult());
        }
    }
}
