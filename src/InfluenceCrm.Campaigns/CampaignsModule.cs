using InfluenceCrm.Platform;
using InfluenceCrm.Campaigns.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Campaigns;

public static class CampaignsModule
{
    /// <summary>The closed vocabularies of this module, for the OpenAPI document's enums.</summary>
    public static IEnumerable<DocumentedValues> Vocabularies() =>
    [
        new(typeof(CampaignView), "status", CampaignRules.Statuses), new(typeof(ChangeCampaignStatus.Body), "status", CampaignRules.Statuses),
        new(typeof(SearchCampaigns.Request), "status", CampaignRules.Statuses),
        new(typeof(DeliverableView), "status", CampaignRules.DeliverableStatuses), new(typeof(DeliverableFilter), "status", CampaignRules.DeliverableStatuses),
        new(typeof(ListDeliverables.Query), "status", CampaignRules.DeliverableStatuses),
            new(typeof(GetCalendarFeed.Query), "status", CampaignRules.DeliverableStatuses),
        new(typeof(ListOverdueDeliverables.OverdueItem), "status", CampaignRules.DeliverableStatuses),
        new(typeof(RosterMemberView), "status", CampaignRules.RosterStatuses), new(typeof(UpdateRosterMember.Body), "status", CampaignRules.RosterStatuses),
        new(null, "format", CampaignRules.Formats), new(null, "compensation", CheckDisclosure.Compensations),
        new(typeof(Objective), "type", CampaignRules.Objectives.Keys.ToList()),
            new(typeof(ReviewDeliverableDraft.Body), "verdict", ReviewDeliverableDraft.Verdicts),
    ];

    public static IServiceCollection AddCampaigns(this IServiceCollection services) =>
        services.AddScoped<CampaignStore>().AddScoped<DeliverableWorkflow>().AddScoped<DeliverableQuery>().AddScoped<Disclosure.DeliverableDisclosure>();

    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/v1/campaigns").WithTags("Campaigns");
        CreateCampaign.Map(campaigns);
        SearchCampaigns.Map(campaigns);
        ListOverdueDeliverables.Map(campaigns);
        CountOverdueDeliverables.Map(campaigns);
        CountCampaignsStartingOrEnding.Map(campaigns);
        GetCampaign.Map(campaigns);
        UpdateCampaign.Map(campaigns);
        ChangeCampaignStatus.Map(campaigns);
        GetCampaignSummary.Map(campaigns);
        AddRosterMember.Map(campaigns);
        ListRoster.Map(campaigns);
        GetRosterMember.Map(campaigns);
        UpdateRosterMember.Map(campaigns);
        PlanDeliverable.Map(campaigns);
        ListDeliverables.Map(campaigns);
        GetDeliverable.Map(campaigns);
        UpdateDeliverable.Map(campaigns);
        CancelDeliverable.Map(campaigns);
        GetDeliverableHistory.Map(campaigns);
        SubmitDeliverableDraft.Map(campaigns);
        ReviewDeliverableDraft.Map(campaigns);
        PublishDeliverable.Map(campaigns);
        VerifyDeliverable.Map(campaigns);
        CheckDeliverableDisclosure.Map(campaigns);

        var calendar = app.MapGroup("/api/v1/calendar").WithTags("Calendar");
        GetEditorialCalendar.Map(calendar);
        GetCalendarFeed.Map(app);

        var compliance = app.MapGroup("/api/v1/compliance").WithTags("Disclosure compliance");
        CheckDisclosure.Map(compliance);
        ListDisclosureVerdicts.Map(compliance);
        return app;
    }
}
