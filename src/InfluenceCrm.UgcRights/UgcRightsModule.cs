using InfluenceCrm.Platform;
using InfluenceCrm.UgcRights.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.UgcRights;

public static class UgcRightsModule
{
    /// <summary>The closed vocabularies of this module, for the OpenAPI document's enums.</summary>
    public static IEnumerable<DocumentedValues> Vocabularies() =>
    [
        new(typeof(GrantView), "status", ["active", "superseded"]), new(typeof(ListGrants.Request), "status", ["active", "revoked", "superseded"]),
        new(typeof(RightsRequestView), "status", ListRightsRequests.Statuses), new(typeof(ListRightsRequests.Request), "status", ListRightsRequests.Statuses),
        new(typeof(RightsRequestView), "method", UgcRules.Methods), new(typeof(GrantTerms), "channels", UgcRules.Channels),
            new(typeof(GrantTerms), "rights", UgcRules.Rights),
        new(typeof(RecordUsage.UsageView), "channel", UgcRules.Channels), new(typeof(RecordUsage.Request), "channel", UgcRules.Channels),
        new(typeof(ListUsages.Request), "channel", UgcRules.Channels),
        new(typeof(Evidence), "kind", UgcRules.EvidenceKinds), new(null, "mediaType", UgcRules.MediaTypes),
    ];

    public static IServiceCollection AddUgcRights(this IServiceCollection services) => services.AddScoped<UgcStore>();

    public static IEndpointRouteBuilder MapUgcRights(this IEndpointRouteBuilder app)
    {
        var ugc = app.MapGroup("/api/v1/ugc").WithTags("UGC rights");
        RegisterAsset.Map(ugc);
        GetAsset.Map(ugc);
        ListAssets.Map(ugc);
        RecordPersonConsent.Map(ugc);
        WithdrawPersonRelease.Map(ugc);
        RecordUsage.Map(ugc);
        GetUsage.Map(ugc);
        ListUsages.Map(ugc);
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
