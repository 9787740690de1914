using InfluenceCrm.Api.Access.Features;

namespace InfluenceCrm.Api.Access;

/// <summary>A workspace's own API keys, managed by its admin keys (tables platform_api_keys).</summary>
internal static class AccessModule
{
    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-keys").WithTags("API keys");
        CreateApiKey.Map(group);
        ListApiKeys.Map(group);
        RevokeApiKey.Map(group);
        return app;
    }
}

/// <summary>An API key as listed: never its secret or hash.</summary>
public sealed record ApiKeyView(string Id, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
