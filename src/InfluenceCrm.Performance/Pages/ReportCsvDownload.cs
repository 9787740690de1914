using System.Text;
using InfluenceCrm.Performance.Features.Reports;
using InfluenceCrm.Performance.Reports;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.Performance.Pages;

/// <summary>The report page's CSV download: the same request and the same file as GET /api/v1/reports/campaigns/{id}.csv.</summary>
internal static class ReportCsvDownload
{
    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/campaigns/{id}/report.csv", async (string id, DateOnly? from, DateOnly? to, string? groupBy, IMediator mediator, CancellationToken ct) =>
        {
            var report = await mediator.Send(new GetCampaignReport.Request(id, from, to, groupBy), ct);
            return Results.File(Encoding.UTF8.GetBytes(ReportCsv.ToCsv(report)), "text/csv; charset=utf-8", ReportCsv.FileName(report));
        }).RequireAuthorization().ExcludeFromDescription();
}
