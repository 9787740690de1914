using InfluenceCrm.Performance.Clicks;
using InfluenceCrm.Performance.Features.Clicks;
using InfluenceCrm.Performance.Features.Conversions;
using InfluenceCrm.Performance.Features.Imports;
using InfluenceCrm.Performance.Features.Links;
using InfluenceCrm.Performance.Features.Reports;
using InfluenceCrm.Performance.Links;
using InfluenceCrm.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Performance;

public static class PerformanceModule
{
    /// <summary>The closed vocabularies of this module, for the OpenAPI document's enums.</summary>
    public static IEnumerable<DocumentedValues> Vocabularies() =>
    [
        new(typeof(CreateLink.LinkView), "status", UpdateLink.Statuses), new(typeof(UpdateLink.Body), "status", UpdateLink.Statuses),
        new(typeof(ListLinks.Request), "status", UpdateLink.Statuses), new(null, "attribution", ["promo_code", "click", "none"]),
    ];

    public static IServiceCollection AddPerformance(this IServiceCollection services)
    {
        services.AddSingleton<ClickIds>();
        services.AddSingleton<LinkCache>().AddHostedService(p => p.GetRequiredService<LinkCache>());
        services.AddSingleton<ClickPipeline>().AddHostedService(p => p.GetRequiredService<ClickPipeline>());
        services.AddSingleton<FollowLink.Handler>();
        return services;
    }

    public static IEndpointRouteBuilder MapPerformance(this IEndpointRouteBuilder app, bool benchmarkEndpoints = false)
    {
        FollowLink.Map(app);
        if (benchmarkEndpoints)
        {
            BenchmarkRedirects.Map(app);
        }

        var links = app.MapGroup("/api/v1/links").WithTags("Links");
        CreateLink.Map(links);
        GetLink.Map(links);
        ListLinks.Map(links);
        UpdateLink.Map(links);

        var root = app.MapGroup("/api/v1").WithTags("Performance");
        RegisterPromoCode.Map(root);
        GetPromoCode.Map(root);
        ListPromoCodes.Map(root);
        RecordConversion.Map(root);
        GetConversion.Map(root);
        ListConversions.Map(root);

        var performance = app.MapGroup("/api/v1/performance").WithTags("Performance");
        RecordEngagementSnapshots.Map(performance);
        ImportPlatformExport.Map(performance);
        ListEngagementSnapshots.Map(performance);
        GetClickPipelineStats.Map(performance);

        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports");
        GetCampaignReport.Map(reports);
        Pages.ReportCsvDownload.Map(app);
        return app;
    }
}
