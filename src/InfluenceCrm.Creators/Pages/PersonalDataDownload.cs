using System.Text.Json;
using InfluenceCrm.Creators.Features;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Creators.Pages;

/// <summary>The creator page's GDPR access export as a file (admin and legal): the same request as GET /api/v1/creators/{id}/personal-data.</summary>
internal static class PersonalDataDownload
{
    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/creators/{id}/personal-data.json", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            ConsoleAccess.Demand(http.User, Policies.PersonalData);
            var export = await mediator.Send(new ExportCreatorPersonalData.Request(id), ct);
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(export, JsonSerializerOptions.Web), "application/json", $"personal-data-{id}.json");
        }).RequireAuthorization().ExcludeFromDescription();
}
