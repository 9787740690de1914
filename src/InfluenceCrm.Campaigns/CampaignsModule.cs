using InfluenceCrm.Campaigns.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Campaigns;

public static class CampaignsModule
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services) =>
        services.AddScoped<CampaignStore>().AddScoped<DeliverableWorkflow>().AddScoped<DeliverableQuery>().AddScoped<Disclosure.DeliverableDisclosure>();

    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/v1/campaigns").WithTags("Campaigns");
        CreateCampaign.Map(campaigns);
        SearchCampaigns.Map(campaigns);
        ListOverdueDeliverables.Map(campaigns);
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
