using InfluenceCrm.Access.Features;
using InfluenceCrm.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfluenceCrm.Access;

/// <summary>
/// People, sessions, members, invitations, workspaces and their branding, API keys, calendar feeds and the audit log reader:
/// tables platform_people, platform_memberships, platform_invitations, platform_workspaces, platform_api_keys,
/// platform_calendar_feeds, platform_person_logins, platform_sessions, platform_password_resets (and platform_audit_log, read only).
/// </summary>
public static class AccessModule
{
    /// <summary>The stores (also what the CLI needs, without the HTTP pipeline).</summary>
    public static IServiceCollection AddAccessCore(this IServiceCollection services)
    {
        services.AddSingleton<AccessStore>();
        services.AddSingleton<IApiCredentials>(provider => provider.GetRequiredService<AccessStore>());
        services.AddSingleton<People>();
        services.AddSingleton<Invitations>();
        services.AddSingleton<WorkspaceBranding>();
        services.AddSingleton<InfluenceCrm.Platform.WebConsole.IWorkspaceTimeZones>(provider => provider.GetRequiredService<WorkspaceBranding>());
        services.AddDataProtection();
        services.AddSingleton<SsoLinks>();
        services.AddScoped<PortalLinks>();
        services.AddSingleton<Sessions>();
        services.AddSingleton<SignInThrottle>();
        return services;
    }

    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AccessHousekeeping>();
        services.AddHostedService(provider => provider.GetRequiredService<AccessHousekeeping>());
        return services.AddAccessCore().AddAccessAuthentication(configuration);
    }

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
        var members = app.MapGroup("/api/v1/members").WithTags("Members");
        ListMembers.Map(members);
        ChangeMemberRole.Map(members);
        RemoveMember.Map(members);
        EndMemberSessions.Map(members);
        var invitations = app.MapGroup("/api/v1/invitations").WithTags("Invitations");
        ListInvitations.Map(invitations);
        InviteMember.Map(invitations);
        GetInvitation.Map(invitations);
        ResendInvitation.Map(invitations);
        RevokeInvitation.Map(invitations);
        var portal = app.MapGroup("/api/v1/creators").WithTags("Creators");
        InviteCreatorToPortal.Map(portal);
        GetCreatorPortalAccess.Map(portal);
        ClosePortalToCreator.Map(portal);
        ReadAuditLog.MapExport(app);
        app.MapAccessAuthentication();
        return app;
    }
}

/// <summary>A calendar subscription as listed: never its secret or hash.</summary>
public sealed record CalendarFeedView(string Id, string Name, string? CampaignId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    internal static CalendarFeedView From(AccessStore.FeedRow r) => new(r.Id, r.Name, r.CampaignId, r.CreatedAt, r.RevokedAt);
}

/// <summary>An API key as listed: never its secret or hash.</summary>
public sealed record ApiKeyView(string Id, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A member of the workspace: a person and their role in it. The version is the ETag of a role change.</summary>
public sealed record MemberView(string PersonId, string Email, string DisplayName, string Role, DateTimeOffset Since, long Version);

/// <summary>An invitation still pending: to whom, with which role, until when. Never its link, which only the invited mailbox receives.</summary>
public sealed record InvitationView(string Id, string Email, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>A membership as read by Dapper.</summary>
internal sealed class MemberRow
{
    public string PersonId { get; init; } = "";
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTimeOffset Since { get; init; }
    public long Version { get; init; }

    public MemberView View() => new(PersonId, Email, DisplayName, Role, Since, Version);
}

/// <summary>An invitation as read by Dapper.</summary>
internal sealed class InvitationViewRow
{
    public string Id { get; init; } = "";
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }

    public InvitationView View() => new(Id, Email, Role, CreatedAt, ExpiresAt);
}
