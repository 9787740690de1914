using System.Globalization;
using System.Reflection;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Console;

/// <summary>
/// The web console's rendering: Blazor static server rendering (no circuits: any replica serves any request) of the pages
/// the host's assemblies hold, French and English from the browser or the header's switch, the console's files. Who is
/// signed in (the cookie, single sign-on) is the host's concern.
/// </summary>
public static class ConsoleModule
{
    public static readonly CultureInfo[] Cultures = [new("fr"), new("en")];

    /// <summary>
    /// The formats the console may use: the languages' own (fr, en) and each country's (en-GB writes 31/12/2026, en-US
    /// 12/31/2026), taken from the browser's Accept-Language; the texts stay French or English.
    /// </summary>
    public static readonly CultureInfo[] FormatCultures = [.. Cultures, .. CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Where(c => Cultures.Any(l => l.TwoLetterISOLanguageName == c.TwoLetterISOLanguageName)).OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <param name="pageAssemblies">The assemblies whose Pages folders hold console pages (the host and the modules).</param>
    public static IServiceCollection AddConsole(this IServiceCollection services, params Assembly[] pageAssemblies)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddLocalization();
        services.AddSingleton(new ConsolePages(pageAssemblies));
        // The pages' HTML compressed (brotli, else gzip; the static files are precompressed at publish by MapStaticAssets). Only
        // text/html: the API's JSON is left as it was. BREACH needs a secret repeated in responses that also reflect the attacker's
        // input: the antiforgery token is a new random value in every response, and a secret shown once (a key) is never repeated.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["text/html"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        return services;
    }

    /// <summary>
    /// The console's HTML compressed; the culture of a console request (French unless the browser or the culture cookie asks for
    /// English), and antiforgery.
    /// </summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        app.UseWhen(context => ConsoleAccess.IsConsoleRequest(context.Request), console => console.UseResponseCompression());
        app.UseWhen(context => ConsoleAccess.IsConsoleRequest(context.Request), console => console.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("fr-FR", "fr");
            options.SupportedCultures = FormatCultures;
            options.SupportedUICultures = Cultures;
        }));
        app.UseWhen(context => ConsoleAccess.IsConsoleRequest(context.Request), console => console.Use(async (http, next) =>
        {
            // Times shown and read in the workspace's zone, for this request and what it awaits.
            if (http.User.FindFirst(ApiKeyAuthentication.WorkspaceClaim)?.Value is { } workspace
                && http.RequestServices.GetService<IWorkspaceTimeZones>() is { } zones)
            {
                WorkspaceTime.Zone = WorkspaceTime.Find(await zones.FindAsync(workspace, http.RequestAborted)) ?? WorkspaceTime.Default;
            }

            await next(http);
        }));
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddAdditionalAssemblies([.. app.Services.GetRequiredService<ConsolePages>().Assemblies]);
        app.MapGet("/console/culture", (HttpContext http, string culture, string? back) =>
        {
            if (Cultures.Any(c => c.Name == culture))
            {
                // The texts in the chosen language, the formats of the browser's country for that language (en-GB: 31/12/2026).
                var formats = http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value)
                    .FirstOrDefault(l => l is not null && l.StartsWith(culture + "-", StringComparison.OrdinalIgnoreCase)
                        && FormatCultures.Any(c => string.Equals(c.Name, l, StringComparison.OrdinalIgnoreCase))) ?? culture;
                var cookie = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(formats, culture));
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, cookie,
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            }

            return Results.Redirect(ConsoleAccess.LocalPath(back));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
