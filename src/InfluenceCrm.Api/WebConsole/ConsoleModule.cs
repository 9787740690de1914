using System.Globalization;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using Microsoft.AspNetCore.Localization;

namespace InfluenceCrm.Api.WebConsole;

/// <summary>
/// The web console: Blazor static server rendering (no circuits: any replica serves any request), pages in their modules
/// sending the API's MediatR requests. Who is signed in, and how, is the Access module's (AccessAuthentication).
/// </summary>
internal static class ConsoleModule
{
    public static readonly CultureInfo[] Cultures = [new("fr"), new("en")];

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddLocalization();
        return services;
    }

    /// <summary>The API, the public pages and the machine endpoints use API keys; the console pages use the cookie (Access).</summary>
    public static bool IsApi(HttpRequest request) => !ConsoleAccess.IsConsoleRequest(request);

    public static WebApplication UseConsole(this WebApplication app)
    {
        app.UseWhen(context => !IsApi(context.Request), console => console.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("fr");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
        }));
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddAdditionalAssemblies(ConsolePages.ModuleAssemblies);
        // The GDPR access export as a file (admin and legal): the same request as GET /api/v1/creators/{id}/personal-data.
        app.MapGet("/creators/{id}/personal-data.json", async (string id, HttpContext http, MediatR.IMediator mediator, CancellationToken ct) =>
        {
            ConsoleAccess.Demand(http.User, Policies.PersonalData);
            var export = await mediator.Send(new Creators.Features.ExportCreatorPersonalData.Request(id), ct);
            return Results.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(export, System.Text.Json.JsonSerializerOptions.Web), "application/json",
                $"personal-data-{id}.json");
        }).RequireAuthorization().ExcludeFromDescription();
        // The campaign report as CSV: the same request and the same file as GET /api/v1/reports/campaigns/{id}.csv.
        app.MapGet("/campaigns/{id}/report.csv", async (string id, DateOnly? from, DateOnly? to, string? groupBy, HttpContext http, MediatR.IMediator mediator, CancellationToken ct) =>
        {
            var report = await mediator.Send(new Performance.Features.GetCampaignReport.Request(id, from, to, groupBy), ct);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(Performance.Features.GetCampaignReport.ToCsv(report)), "text/csv; charset=utf-8",
                Performance.Features.GetCampaignReport.CsvFileName(report));
        }).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/console/culture", (HttpContext http, string culture, string? back) =>
        {
            if (Cultures.Any(c => c.Name == culture))
            {
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            }

            return Results.Redirect(ConsoleAccess.LocalPath(back));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
