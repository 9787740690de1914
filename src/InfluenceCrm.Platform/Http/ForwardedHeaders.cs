using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Platform.Http;

/// <summary>
/// Behind a reverse proxy or load balancer the connection comes from the proxy: X-Forwarded-For gives the client's address
/// (for the visitor hash, rate limits and logs) and X-Forwarded-Proto the scheme, but only from proxies we trust —
/// loopback always (as ASP.NET Core does), plus ForwardedHeaders:KnownProxies (addresses) and ForwardedHeaders:KnownNetworks
/// (CIDR ranges), each a comma-separated list or an array. Anyone else's X-Forwarded-For is ignored: it is a header any
/// client can write.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);
            foreach (var proxy in List(configuration, "ForwardedHeaders:KnownProxies"))
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in List(configuration, "ForwardedHeaders:KnownNetworks"))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range) ? range
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8."));
            }
        });
        return services;
    }

    private static IEnumerable<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
