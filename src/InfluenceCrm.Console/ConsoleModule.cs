using System.Globalization;
using System.Reflection;
using InfluenceCrm.Platform.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
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

    /// <param name="pageAssemblies">The assemblies whose Pages folders hold console pages (the host and the modules).</param>
    public static IServiceCollection AddConsole(this IServiceCollection services, params Assembly[] pageAssemblies)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddLocalization();
        services.AddSingleton(new ConsolePages(pageAssemblies));
        return services;
    }

    /// <summary>The culture of a console request (French unless the browser or the culture cookie asks for English), and antiforgery.</summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        app.UseWhen(context => ConsoleAccess.IsConsoleRequest(context.Request), console => console.UseRequestLocalization(options =>
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
            .AddAdditionalAssemblies([.. app.Services.GetRequiredService<ConsolePages>().Assemblies]);
        app.MapGet("/console/culture", (HttpContext http, string culture, string? back) =>
        {
            if (Cultures.Any(c => c.Name == culture))
            {
                var cookie = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, cookie,
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            }

            return Results.Redirect(ConsoleAccess.LocalPath(back));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
