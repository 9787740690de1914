namespace InfluenceCrm.Platform.Security;

/// <summary>The roles an API key can carry, and the policies endpoints require. The README's matrix mirrors this file.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Brand = "brand";
    public const string Legal = "legal";
    public const string Integration = "integration";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Brand, Legal, Integration, Viewer];

    /// <summary>Not a key's role: what a calendar-feed secret may do (read its feed), and nothing else.</summary>
    public const string CalendarFeed = "calendar_feed";
}

public static class Policies
{
    /// <summary>Any valid key of the workspace.</summary>
    public const string Read = "read";

    /// <summary>Create and change creators, campaigns and the like: admin, brand, integration.</summary>
    public const string Write = "write";

    /// <summary>Approve content and verify publications: admin, brand, legal.</summary>
    public const string Approve = "approve";

    /// <summary>Contracts and payments (personal data, money, legal terms): admin, brand, legal.</summary>
    public const string Contracts = "contracts";

    /// <summary>
    /// Register content, ask for its rights, record the author's replies and the uses: admin, brand, legal (clearing content is
    /// a lawyer's day) and integration (social suites register what they collect).
    /// </summary>
    public const string UgcWork = "ugc-work";

    /// <summary>Grants of rights, consents and their decisions: admin, brand, legal.</summary>
    public const string Rights = "rights";

    /// <summary>Personal-data export and erasure (GDPR), audit log: admin, legal.</summary>
    public const string PersonalData = "personal-data";

    /// <summary>The calendar feed: any key of the workspace, or a calendar-feed secret.</summary>
    public const string CalendarRead = "calendar-read";

    /// <summary>Calendar subscriptions (create, list, revoke): admin, brand.</summary>
    public const string CalendarFeeds = "calendar-feeds";

    /// <summary>Invite a creator to the creator's portal (a sign-in link mailed to them): admin, brand.</summary>
    public const string PortalInvitations = "portal-invitations";

    /// <summary>Workspace administration (API keys): admin.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyDictionary<string, string[]> RolesFor = new Dictionary<string, string[]>
    {
        [Read] = [Roles.Admin, Roles.Brand, Roles.Legal, Roles.Integration, Roles.Viewer],
        [Write] = [Roles.Admin, Roles.Brand, Roles.Integration],
        [Approve] = [Roles.Admin, Roles.Brand, Roles.Legal],
        [Contracts] = [Roles.Admin, Roles.Brand, Roles.Legal],
        [Rights] = [Roles.Admin, Roles.Brand, Roles.Legal],
        [UgcWork] = [Roles.Admin, Roles.Brand, Roles.Legal, Roles.Integration],
        [PersonalData] = [Roles.Admin, Roles.Legal],
        [Admin] = [Roles.Admin],
        [CalendarRead] = [Roles.Admin, Roles.Brand, Roles.Legal, Roles.Integration, Roles.Viewer, Roles.CalendarFeed],
        [CalendarFeeds] = [Roles.Admin, Roles.Brand],
        [PortalInvitations] = [Roles.Admin, Roles.Brand],
    };
}
