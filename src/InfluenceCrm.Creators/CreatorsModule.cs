using InfluenceCrm.Platform;
using InfluenceCrm.Creators.Features;
using InfluenceCrm.Platform.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Creators;

public static class CreatorsModule
{
    /// <summary>The closed vocabularies of this module, for the OpenAPI document's enums.</summary>
    public static IEnumerable<DocumentedValues> Vocabularies() =>
    [
        new(null, "stage", CreatorRules.Stages), new(null, "lawfulBasis", CreatorRules.LawfulBases), new(null, "relationship", CreatorRules.Relationships),
    ];

    public static IServiceCollection AddCreators(this IServiceCollection services) =>
        services.AddScoped<CreatorStore>();

    public static IEndpointRouteBuilder MapCreators(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/creators").WithTags("Creators");
        RegisterCreator.Map(group);
        SearchCreators.Map(group);
        ImportCreators.Map(group);
        GetCreator.Map(group);
        UpdateCreator.Map(group);
        ChangeCreatorStage.Map(group);
        AddSocialAccount.Map(group);
        GetSocialAccount.Map(group);
        UpdateSocialAccount.Map(group);
        RemoveSocialAccount.Map(group);
        ExportCreatorPersonalData.Map(group);
        EraseCreator.Map(group);
        GetInvoicingDetails.Map(group);
        UpdateInvoicingDetails.Map(group);
        RequestCreatorErasure.Map(group);
        ListErasureRequests.Map(group);
        Pages.PersonalDataDownload.Map(app);
        Pages.Portal.PortalPersonalDataDownload.Map(app);
        return app;
    }

    /// <summary>200 with the creator and its ETag: the answer of every read and update of one creator.</summary>
    internal static IResult WithETag(this HttpContext http, CreatorView creator) => ETags.Ok(http, creator, creator.Version);
}
