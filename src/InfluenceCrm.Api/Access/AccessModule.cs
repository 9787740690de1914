using InfluenceCrm.Api.Access.Features;

namespace InfluenceCrm.Api.Access;

/// <summary>A workspace's own API keys (admin) and calendar subscriptions (admin, brand): tables platform_api_keys, platform_calendar_feeds.</summary>
internal static class AccessModule
{
    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-keys").WithTags("API keys");
        CreateApiKey.Map(group);
        ListApiKeys.Map(group);
        GetApiKey.Map(group);
        RevokeApiKey.Map(group);
        ListAuditLog.Map(app.MapGroup("/api/v1/audit-log").WithTags("Audit log"));
        var feeds = app.MapGroup("/api/v1/calendar-feeds").WithTags("Calendar");
        CreateCalendarFeed.Map(feeds);
        ListCalendarFeeds.Map(feeds);
        GetCalendarSubscription.Map(feeds);
        RevokeCalendarFeed.Map(feeds);
        return app;
    }
}

/// <summary>A calendar subscription as listed: never its secret or hash.</summary>
public sealed record CalendarFeedView(string Id, string Name, string? CampaignId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    internal static CalendarFeedView From(InfluenceCrm.Platform.Security.AccessStore.FeedRow r) => new(r.Id, r.Name, r.CampaignId, r.CreatedAt, r.RevokedAt);
}

/// <summary>An API key as listed: never its secret or hash.</summary>
public sealed record ApiKeyView(string Id, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
