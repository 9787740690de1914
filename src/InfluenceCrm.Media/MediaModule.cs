using InfluenceCrm.Media.Features;
using InfluenceCrm.Platform.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Media;

/// <summary>
/// Files stored by the product (images, videos, PDFs): uploaded, streamed back, referenced by drafts and UGC assets, erased with
/// their creator.
/// </summary>
public static class MediaModule
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddSingleton<MediaPurge>();
        services.AddHostedService(provider => provider.GetRequiredService<MediaPurge>());
        return services;
    }

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        var media = app.MapGroup("/api/v1/media").WithTags("Media");
        UploadMedia.Map(media, app.ServiceProvider.GetRequiredService<StorageSettings>());
        GetMedia.Map(media);
        GetMedia.MapConsole(app);
        GetMedia.MapPortal(app);
        return app;
    }
}
