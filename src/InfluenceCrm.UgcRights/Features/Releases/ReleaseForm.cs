using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using InfluenceCrm.Console;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Access.PublicQueries;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Platform.Webhooks;
using InfluenceCrm.UgcRights.Pages;
using InfluenceCrm.UgcRights.PublicQueries;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// The public release form behind a request's unguessable, expiring link (<c>/consent/{token}</c>): a page in the
/// author's language (French or English, with a switch) under the workspace's name and logo, stating each right
/// separately in plain words with its channels, territories and period, the conditions, and the privacy notice; then
/// accept / decline. Accepting records the evidence (time, consent-text version, SHA-256 of the terms shown, salted hash
/// of the IP) and creates the grant. The answer pages say what happened and what the person can do next. No API key is
/// needed, and the page shows nothing beyond its one request. The words are the console's (Text/UgcRights.json, in the
/// link's language); the page is <see cref="ReleaseFormPage"/>.
/// </summary>
public static class ReleaseForm
{
    /// <summary>The wording's version, kept with every acceptance (2: plain words, each right with its scope).</summary>
    public const string ConsentTextVersion = "ugc-release-2";

    /// <summary>Show the form.</summary>
    public sealed record Request(string Token, string? Language) : IRequest<Page>;

    /// <summary>The author's answer, as posted by the form.</summary>
    public sealed record Answer(string Token, string? Language, string? Decision, string? TextSha256, IPAddress? Address) : IRequest<Page>;

    /// <summary>
    /// What the page shows, with its status: the form (its terms, their hash, the token to answer with), or a message that
    /// says what happened (with the terms agreed to, once accepted).
    /// </summary>
    public sealed record Page(int Status, string Language, WorkspaceBrand? Brand, string Title, string Lead, Terms? Terms = null,
        string? Token = null, string? TextSha256 = null)
    {
        public bool IsForm => Token is not null && TextSha256 is not null;
    }

    /// <summary>The terms as shown: headed sections of lines. Their plain text is what the acceptance's hash covers.</summary>
    public sealed record Terms(IReadOnlyList<(string Heading, IReadOnlyList<string> Lines)> Sections)
    {
        public string Text => string.Concat(Sections.Select(s => s.Heading + "\n" + string.Concat(s.Lines.Select(l => "- " + l + "\n"))));
    }

    internal sealed class Handler(Db db, UgcStore store, AuditLog audit, WebhookOutbox webhooks, IpHasher ipHasher, IMediator mediator)
        : IRequestHandler<Request, Page>, IRequestHandler<Answer, Page>
    {
        public async Task<Page> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var (found, problem) = await FindAsync(c, null, request.Token, request.Language, cancellationToken);
            if (found is null)
            {
                return problem!;
            }

            var language = Language(request.Language, found.Language);
            var t = Text(language);
            var brand = await mediator.Send(new GetWorkspaceBrand.Request(found.WorkspaceId), cancellationToken);
            var terms = TermsOf(found.Terms, await SourceUrlAsync(c, found, cancellationToken), language);
            return new Page(200, language, brand, t["ReleaseForm_Title", brand.Name], t["ReleaseForm_Lead", brand.Name], terms, request.Token,
                Digest.Sha256Hex(terms.Text));
        }

        public async Task<Page> Handle(Answer answer, CancellationToken cancellationToken)
        {
            if (answer.Decision is not ("accept" or "decline"))
            {
                return Unreadable(answer.Language, "ReleaseForm_UnreadableChoose");
            }

            var ipHash = await ipHasher.HashForEvidenceAsync(answer.Address, cancellationToken);
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var (found, problem) = await FindAsync(c, tx, answer.Token, answer.Language, cancellationToken);
                if (found is null)
                {
                    return problem!;
                }

                var language = Language(answer.Language, found.Language);
                var t = Text(language);
                var brand = await mediator.Send(new GetWorkspaceBrand.Request(found.WorkspaceId), cancellationToken);
                var terms = TermsOf(found.Terms, await SourceUrlAsync(c, found, cancellationToken, tx), language);
                if (answer.TextSha256 != Digest.Sha256Hex(terms.Text))
                {
                    return new Page(409, language, brand, t["ReleaseForm_TermsChanged"], t["ReleaseForm_TermsChangedText"]);
                }

                string? grantId = null;
                if (answer.Decision == "accept")
                {
                    var evidence = new Evidence("release_form", $"request:{found.Id}", store.Now, $"{ConsentTextVersion}/{language}",
                        Digest.Sha256Hex(terms.Text), ipHash);
                    grantId = await store.InsertGrantAsync(c, tx, found.WorkspaceId, found.AssetId, found.Id, found.Terms, evidence, null, cancellationToken);
                }

                await c.ExecuteAsync(UgcStore.SetRequestOutcome, new
                {
                    found.Id,
                    found.WorkspaceId,
                    Status = answer.Decision == "accept" ? "granted" : "denied",
                    GrantId = grantId,
                    store.Now,
                    found.Version,
                }, tx, cancellationToken);
                await audit.RecordAsAsync(c, tx, found.WorkspaceId, "release_form", answer.Decision == "accept" ? "ugc.request_granted" : "ugc.request_denied",
                    "asset", found.AssetId, new { requestId = found.Id, grantId, consentTextVersion = ConsentTextVersion }, cancellationToken);
                await webhooks.PublishAsAsync(c, tx, found.WorkspaceId,
                    answer.Decision == "accept" ? UgcRightsEvents.RightsRequestGranted : UgcRightsEvents.RightsRequestDenied,
                    (await store.LoadRequestAsync(c, found.WorkspaceId, found.Id, tx, cancellationToken)).ToView(store.Now), cancellationToken);
                var when = Day(DateOnly.FromDateTime(store.Now.UtcDateTime), language);
                return answer.Decision == "accept"
                    ? new Page(200, language, brand, t["ReleaseForm_AcceptedTitle"], t["ReleaseForm_AcceptedText", when, brand.Name, Withdraw(t, brand)], terms)
                    : new Page(200, language, brand, t["ReleaseForm_RefusedTitle"], t["ReleaseForm_RefusedText", when, brand.Name]);
            }, cancellationToken);
        }

        private async Task<(UgcStore.RequestRow? Request, Page? Problem)> FindAsync(DbConnection c, DbTransaction? tx, string token, string? asked,
            CancellationToken ct)
        {
            var request = token.Length is < 20 or > 100 ? null
                : await c.QuerySingleOrDefaultAsync<UgcStore.RequestRow>(UgcStore.LoadRequestByToken, new { TokenHash = RequestRights.TokenHash(token) }, tx,
                    ct);
            if (request is null)
            {
                var unknown = Language(asked, "en");
                return (null, new Page(404, unknown, null, Text(unknown)["ReleaseForm_UnknownTitle"], Text(unknown)["ReleaseForm_UnknownText"]));
            }

            var status = request.EffectiveStatus(store.Now);
            if (status == "requested")
            {
                return (request, null);
            }

            var language = Language(asked, request.Language);
            var t = Text(language);
            var brand = await mediator.Send(new GetWorkspaceBrand.Request(request.WorkspaceId), ct);
            string why = status switch
            {
                "expired" => t["ReleaseForm_Expired", Day(DateOnly.FromDateTime(request.ExpiresAt.UtcDateTime), language)],
                "granted" => t["ReleaseForm_AlreadyGranted"],
                "denied" => t["ReleaseForm_AlreadyDenied"],
                _ => t["ReleaseForm_NoLongerOpen"],
            };
            return (null, new Page(410, language, brand, t["ReleaseForm_ClosedTitle"], $"{why} {Withdraw(t, brand)}"));
        }

        private async Task<string> SourceUrlAsync(DbConnection c, UgcStore.RequestRow request, CancellationToken ct, DbTransaction? tx = null) =>
            (await store.LoadAssetAsync(c, request.WorkspaceId, request.AssetId, tx, ct)).SourceUrl;
    }

    private static string Language(string? asked, string stored) => asked is "fr" or "en" ? asked : stored.Trim() is "fr" ? "fr" : "en";

    internal static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB");

    /// <summary>The console's strings in the page's language (the link's or the switch's, not the browser's).</summary>
    internal static IStringLocalizer Text(string language) => ConsoleText.In(Culture(language));

    private static string Day(DateOnly day, string language) => day.ToString("d MMMM yyyy", Culture(language));

    internal static string Withdraw(IStringLocalizer t, WorkspaceBrand brand) =>
        brand.PrivacyContact is { } contact ? t["ReleaseForm_WithdrawTo", contact] : t["ReleaseForm_WithdrawReply"];

    private static Page Unreadable(string? asked, string hint)
    {
        var language = Language(asked, "en");
        return new Page(400, language, null, Text(language)["ReleaseForm_Unreadable"], Text(language)[hint]);
    }

    private static string Join(IEnumerable<string> items, IStringLocalizer t)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + t["ReleaseForm_And"] + list[^1];
    }

    private static string Territory(string code, string language, IStringLocalizer t) =>
        code == "worldwide" ? t["ReleaseForm_Worldwide"] : Labels.Country(code, Culture(language));

    /// <summary>The exact terms the author agrees to: each right on its own line with where and when, as French law wants them stated (CPI L131-3).</summary>
    public static Terms TermsOf(GrantTerms terms, string sourceUrl, string language)
    {
        var t = Text(language);
        string Word(string prefix, string code) => t["ReleaseForm_" + prefix + "_" + code] is { ResourceNotFound: false } word ? word.Value : code;
        var channels = Join((terms.Channels ?? []).Select(c => Word("Channel", c)), t);
        var territories = Join((terms.Territories ?? []).Select(c => Territory(c, language, t)), t);
        var starts = Day(terms.StartsOn ?? default, language);
        string period = terms.EndsOn is { } end ? t["ReleaseForm_Period", starts, Day(end, language)] : t["ReleaseForm_PeriodOpen", starts];
        var handle = terms.Licensor?.Handle is { Length: > 0 } h ? "@" + h.TrimStart('@') : null;
        var licensor = string.Join(" ", new[] { terms.Licensor?.Name, handle }.Where(x => x is not null));
        var conditions = new List<string>
        {
            t[terms.ModificationAllowed == true ? "ReleaseForm_Modifiable" : "ReleaseForm_NotModifiable"],
            t[terms.AttributionRequired == true ? "ReleaseForm_Attribution" : "ReleaseForm_NoAttribution"],
            t[terms.Exclusive == true ? "ReleaseForm_Exclusive" : "ReleaseForm_NotExclusive"],
            terms.Fee is { Amount: { } amount } fee
                ? t["ReleaseForm_Paid", (amount / 100m).ToString("N2", Culture(language)), fee.Currency ?? ""]
                : t["ReleaseForm_Unpaid"],
        };
        if (terms.Purpose is { Length: > 0 } purpose)
        {
            conditions.Add(t["ReleaseForm_Purpose", purpose]);
        }

        if (terms.RevocationTerms is { Length: > 0 } revocation)
        {
            conditions.Add(t["ReleaseForm_Revocation", revocation]);
        }

        if (terms.GoverningLaw is { Length: > 0 } law)
        {
            conditions.Add(t["ReleaseForm_Law", Territory(law, language, t)]);
        }

        return new Terms(
        [
            (t["ReleaseForm_YourContent"], [sourceUrl]),
            (t["ReleaseForm_Between"], [t["ReleaseForm_You", licensor], t["ReleaseForm_AndLicensees", string.Join(", ", terms.Licensees ?? [])]]),
            (t["ReleaseForm_EachRight"],
                (terms.Rights ?? []).Select(r => (string)t["ReleaseForm_LineOfRight", Word("Right", r), channels, territories, period]).ToList()),
            (t["ReleaseForm_Conditions"], conditions),
        ]);
    }

    private static RazorComponentResult<ReleaseFormPage> Show(Page page) =>
        new(new { Model = page }) { StatusCode = page.Status, ContentType = "text/html; charset=utf-8" };

    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/consent/{token}", async (string token, string? lang, IMediator mediator, CancellationToken ct) =>
                Show(await mediator.Send(new Request(token, lang), ct)))
            .AllowAnonymous()
            .WithMetadata(PublicEndpoint.Instance)
            .ExcludeFromDescription();
        app.MapPost("/consent/{token}", async (string token, string? lang, HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                // The token is checked before the body is read: an unknown link costs no form parsing.
                var shown = await mediator.Send(new Request(token, lang), ct);
                if (shown.Status != 200)
                {
                    return Show(shown);
                }

                var (decision, textSha256) = await ReadAnswerAsync(http, ct);
                return Show(decision is null
                    ? Unreadable(lang, "ReleaseForm_UnreadableAgain")
                    : await mediator.Send(new Answer(token, lang, decision, textSha256, http.HttpContext.Connection.RemoteIpAddress), ct));
            })
            .AllowAnonymous()
            .WithMetadata(PublicEndpoint.Instance)
            .WithBodySizeLimit(16 * 1024)
            .ExcludeFromDescription();
    }

    /// <summary>The two fields of the form; (null, null) when the body is not a form this page sent (wrong type, malformed, too many fields).</summary>
    private static async Task<(string? Decision, string? TextSha256)> ReadAnswerAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasFormContentType)
        {
            return (null, null);
        }

        try
        {
            var limits = new Microsoft.AspNetCore.Http.Features.FormOptions { ValueCountLimit = 10, KeyLengthLimit = 64, ValueLengthLimit = 256 };
            var form = await http.ReadFormAsync(limits, ct);
            return (form["decision"].ToString(), form["textSha256"].ToString());
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException or DecoderFallbackException)
        {
            return (null, null);
        }
    }
}
