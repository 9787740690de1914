using System.Text.Json;
using InfluenceCrm.Creators.Features;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Pages.Portal;

/// <summary>The creator's own data export from the portal (GDPR art. 15 and 20, a JSON file): the same request as GET
/// /api/v1/creators/{id}/personal-data.</summary>
internal static class PortalPersonalDataDownload
{
    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/portal/c/{creatorId}/personal-data.json", async (string creatorId, IMediator mediator, CancellationToken ct) =>
        {
            var export = await mediator.Send(new ExportCreatorPersonalData.Request(creatorId), ct);
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(export, JsonSerializerOptions.Web), "application/json", $"personal-data-{creatorId}.json");
        }).RequireAuthorization(PortalAccess.CreatorPolicy).ExcludeFromDescription();
}
