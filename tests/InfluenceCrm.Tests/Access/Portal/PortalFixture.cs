using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Tests.Infrastructure;
using MimeKit;

namespace InfluenceCrm.Tests.Access.Portal;

/// <summary>The app with its mail going to a real SMTP server the tests start: the portal's links arrive as a creator gets them.</summary>
public sealed class PortalApiFixture : SqliteApiFixture
{
    public SmtpTestServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => PortalMail.Settings(Smtp, "https://crm.acme.example");
}

/// <summary>What the portal's tests share: the mail settings, seeding through the API, and a portal session opened from a mailed link.</summary>
internal static partial class PortalMail
{
    public static Dictionary<string, string?> Settings(SmtpTestServer smtp, string? publicBaseUrl) => new()
    {
        ["PublicBaseUrl"] = publicBaseUrl,
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:From"] = "Acme CRM <crm@acme.example>",
        ["Email:PollIntervalMs"] = "100",
        ["Email:TimeoutSeconds"] = "5",
    };

    public static async Task<string> CreatorAsync(HttpClient client, string name, string? email, string language = "fr")
    {
        var handle = "p" + Guid.NewGuid().ToString("N")[..10];
        var created = await client.PostJson("/api/v1/creators", new
        {
            displayName = name,
            email,
            languages = new[] { language },
            socialAccounts = new[] { new { platform = "instagram", handle } },
        });
        return (string)(await created.Expect(HttpStatusCode.Created))["id"]!;
    }

    /// <summary>A campaign with the creator confirmed on its roster and one planned deliverable: (campaign, deliverable).</summary>
    public static async Task<(string Campaign, string Deliverable)> PlannedDeliverableAsync(HttpClient client, string creator, string title = "Reel",
        string dueOn = "2030-01-15")
    {
        var campaign = (string)(await (await client.PostJson("/api/v1/campaigns", new
        {
            name = "Summer " + Guid.NewGuid().ToString("N")[..6],
            brand = "Acme",
            brief = new
            {
                text = "Show the serum in daylight.",
                dos = new[] { "Natural light" },
                donts = new[] { "No filters" },
                mandatoryMentions = new[] { "#AcmeSummer" },
            },
        })).Expect(HttpStatusCode.Created))["id"]!;
        var added = await client.PostJson($"/api/v1/campaigns/{campaign}/roster", new { creatorId = creator });
        var member = (string)(await added.Expect(HttpStatusCode.Created))["id"]!;
        await (await client.Send(HttpMethod.Patch, $"/api/v1/campaigns/{campaign}/roster/{member}",
            new { status = "confirmed", agreedFee = new { amount = 50_000, currency = "EUR" } }, ifMatch: added.ETag())).Expect(HttpStatusCode.OK);
        var planned = await client.PostJson($"/api/v1/campaigns/{campaign}/deliverables",
            new { rosterMemberId = member, platform = "instagram", format = "reel", market = "FR", dueOn, title });
        return (campaign, (string)(await planned.Expect(HttpStatusCode.Created))["id"]!);
    }

    /// <summary>The sign-in link of the <paramref name="nth"/> portal mail to the address (1-based), waiting for it.</summary>
    public static async Task<(MimeMessage Mail, string Token)> LinkAsync(SmtpTestServer smtp, string address, int nth = 1)
    {
        var mails = await smtp.WaitForAsync(
            m => m.To.Mailboxes.Any(b => b.Address == address) && (m.TextBody ?? "").Contains("/portal/sign-in?token=", StringComparison.Ordinal), nth);
        Assert.True(mails.Count >= nth, $"{nth} portal mail(s) expected for {address}, {mails.Count} arrived");
        var mail = mails[nth - 1];
        return (mail, TokenIn(mail.TextBody ?? ""));
    }

    public static string TokenIn(string text) => Uri.UnescapeDataString(TokenPattern().Match(text).Groups[1].Value);

    public static string AntiforgeryToken(string html) => AntiforgeryPattern().Match(html).Groups[1].Value;

    /// <summary>Opens the link's page and presses its button, as a person does: the client then holds the portal cookie (or not).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string token)
    {
        var page = await client.GetStringAsync($"/portal/sign-in?token={Uri.EscapeDataString(token)}");
        return await client.PostAsync("/portal/session", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["token"] = token,
        }));
    }

    [GeneratedRegex(@"/portal/sign-in\?token=([A-Za-z0-9_%\-]+)")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
