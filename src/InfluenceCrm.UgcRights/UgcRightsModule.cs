using InfluenceCrm.UgcRights.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.UgcRights;

public static class UgcRightsModule
{
    public static IServiceCollection AddUgcRights(this IServiceCollection services) => services.AddScoped<UgcStore>();

    public static IEndpointRouteBuilder MapUgcRights(this IEndpointRouteBuilder app)
    {
        var ugc = app.MapGroup("/api/v1/ugc").WithTags("UGC rights");
        RegisterAsset.Map(ugc);
        GetAsset.Map(ugc);
        RecordPersonConsent.Map(ugc);
        RecordUsage.Map(ugc);
        GetUsage.Map(ugc);
        RequestRights.Map(ugc);
        GetRightsRequest.Map(ugc);
        ListRightsRequests.Map(ugc);
        RecordRequestReply.Map(ugc);
        DecideRightsRequest.Map(ugc);
        RegisterGrant.Map(ugc);
        ListExpiringGrants.Map(ugc);
        ListGrants.Map(ugc);
        GetGrant.Map(ugc);
        SupersedeGrant.Map(ugc);
        RevokeGrant.Map(ugc);
        CheckRights.Map(ugc);
        ListTakedowns.Map(ugc);
        ReleaseForm.Map(app);
        return app;
    }
}
