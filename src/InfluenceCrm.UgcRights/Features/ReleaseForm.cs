using InfluenceCrm.Platform.Webhooks;
using System.Net;
using System.Text;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// The public release form behind a request's unguessable, expiring link (<c>/consent/{token}</c>): a plain HTML page
/// with the exact terms in the author's language (fr or en), and accept / decline. Accepting records the evidence (time,
/// consent-text version, SHA-256 of the text shown, salted hash of the IP) and creates the grant. No API key is needed,
/// and the page shows nothing beyond its one request.
/// </summary>
public static class ReleaseForm
{
    public const string ConsentTextVersion = "ugc-release-1";

    // Escapes markup but keeps accented letters as they are (the page is UTF-8).
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>Show the form.</summary>
    public sealed record Request(string Token, string? Language) : IRequest<Page>;

    /// <summary>The author's answer, as posted by the form.</summary>
    public sealed record Answer(string Token, string? Language, string? Decision, string? TextSha256, IPAddress? Address) : IRequest<Page>;

    public sealed record Page(int Status, string Html);

    internal sealed class Handler(Db db, UgcStore store, AuditLog audit, WebhookOutbox webhooks, IpHasher ipHasher) : IRequestHandler<Request, Page>, IRequestHandler<Answer, Page>
    {
        public async Task<Page> Handle(Request request, CancellationToken cancellationToken)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var (found, problem) = await FindAsync(c, null, request.Token, cancellationToken);
            if (found is null)
            {
                return problem!;
            }

            var language = Language(request.Language, found.Language);
            var text = TermsText(found.Terms, await SourceUrlAsync(c, found, cancellationToken), language);
            return new Page(200, Html(language, text, Form(request.Token, language, Digest.Sha256Hex(text))));
        }

        public async Task<Page> Handle(Answer answer, CancellationToken cancellationToken)
        {
            if (answer.Decision is not ("accept" or "decline"))
            {
                return Message(400, "en", "Bad request", "Choose accept or decline.");
            }

            var ipHash = await ipHasher.HashForEvidenceAsync(answer.Address, cancellationToken);
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var (found, problem) = await FindAsync(c, tx, answer.Token, cancellationToken);
                if (found is null)
                {
                    return problem!;
                }

                var language = Language(answer.Language, found.Language);
                var text = TermsText(found.Terms, await SourceUrlAsync(c, found, cancellationToken, tx), language);
                if (answer.TextSha256 != Digest.Sha256Hex(text))
                {
                    return Message(409, language, T(language, "Changed", "Modifié"),
                        T(language, "The terms changed since this page was shown. Reload it and read them again.", "Les conditions ont changé depuis l'affichage de la page. Rechargez-la et relisez-les."));
                }

                string? grantId = null;
                if (answer.Decision == "accept")
                {
                    var evidence = new Evidence("release_form", $"request:{found.Id}", store.Now, $"{ConsentTextVersion}/{language}", Digest.Sha256Hex(text), ipHash);
                    grantId = await store.InsertGrantAsync(c, tx, found.WorkspaceId, found.AssetId, found.Id, found.Terms, evidence, null, cancellationToken);
                }

                await c.ExecuteAsync(UgcStore.SetRequestOutcome, new
                {
                    found.Id, found.WorkspaceId, Status = answer.Decision == "accept" ? "granted" : "denied", GrantId = grantId, store.Now, found.Version,
                }, tx, cancellationToken);
                await audit.RecordAsAsync(c, tx, found.WorkspaceId, "release_form", answer.Decision == "accept" ? "ugc.request_granted" : "ugc.request_denied",
                    "asset", found.AssetId, new { requestId = found.Id, grantId, consentTextVersion = ConsentTextVersion }, cancellationToken);
                await webhooks.PublishAsAsync(c, tx, found.WorkspaceId, answer.Decision == "accept" ? WebhookEventTypes.RightsRequestGranted : WebhookEventTypes.RightsRequestDenied,
                    (await store.LoadRequestAsync(c, found.WorkspaceId, found.Id, tx, cancellationToken)).ToView(store.Now), cancellationToken);
                return answer.Decision == "accept"
                    ? Message(200, language, T(language, "Thank you", "Merci"), T(language, "Your agreement is recorded. You can close this page.", "Votre accord est enregistré. Vous pouvez fermer cette page."))
                    : Message(200, language, T(language, "Noted", "C'est noté"), T(language, "Your refusal is recorded. Your content will not be used.", "Votre refus est enregistré. Votre contenu ne sera pas utilisé."));
            }, cancellationToken);
        }

        private async Task<(UgcStore.RequestRow? Request, Page? Problem)> FindAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, string token,
            CancellationToken ct)
        {
            if (token.Length is < 20 or > 100)
            {
                return (null, Message(404, "en", "Not found", "This link does not exist."));
            }

            var request = await c.QuerySingleOrDefaultAsync<UgcStore.RequestRow>(UgcStore.LoadRequestByToken, new { TokenHash = RequestRights.TokenHash(token) }, tx, ct);
            if (request is null)
            {
                return (null, Message(404, "en", "Not found", "This link does not exist."));
            }

            return request.EffectiveStatus(store.Now) == "requested"
                ? (request, null)
                : (null, Message(410, request.Language.Trim(), T(request.Language.Trim(), "Link closed", "Lien clos"),
                    T(request.Language.Trim(), "This link has expired or was already answered.", "Ce lien a expiré ou a déjà reçu une réponse.")));
        }

        private async Task<string> SourceUrlAsync(System.Data.Common.DbConnection c, UgcStore.RequestRow request, CancellationToken ct, System.Data.Common.DbTransaction? tx = null) =>
            (await store.LoadAssetAsync(c, request.WorkspaceId, request.AssetId, tx, ct)).SourceUrl;
    }

    private static string Language(string? asked, string stored) => asked is "fr" or "en" ? asked : stored.Trim() is "fr" ? "fr" : "en";

    private static string T(string language, string en, string fr) => language == "fr" ? fr : en;

    /// <summary>The exact text the author agrees to, one right per line, as French law wants it stated.</summary>
    public static string TermsText(GrantTerms t, string sourceUrl, string language)
    {
        string L(string en, string fr) => T(language, en, fr);
        string List(IReadOnlyList<string>? values) => values is { Count: > 0 } ? string.Join(", ", values) : "—";
        var b = new StringBuilder();
        b.AppendLine(L($"Content: {sourceUrl}", $"Contenu : {sourceUrl}"));
        b.AppendLine(L($"Licensor (you): {t.Licensor?.Name ?? t.Licensor?.Handle}", $"Concédant (vous) : {t.Licensor?.Name ?? t.Licensor?.Handle}"));
        b.AppendLine(L($"Licensees: {List(t.Licensees)}", $"Bénéficiaires : {List(t.Licensees)}"));
        b.AppendLine(L($"Rights granted: {List(t.Rights)}", $"Droits cédés : {List(t.Rights)}"));
        b.AppendLine(L($"Channels: {List(t.Channels)}", $"Supports : {List(t.Channels)}"));
        b.AppendLine(L($"Territories: {List(t.Territories)}", $"Territoires : {List(t.Territories)}"));
        b.AppendLine(L($"From {t.StartsOn:yyyy-MM-dd} " + (t.EndsOn is { } e ? $"to {e:yyyy-MM-dd}" : "without end date"),
            $"Du {t.StartsOn:yyyy-MM-dd} " + (t.EndsOn is { } f ? $"au {f:yyyy-MM-dd}" : "sans date de fin")));
        b.AppendLine(L($"Modification (crops, overlays, edits): {(t.ModificationAllowed == true ? "allowed" : "not allowed")}",
            $"Modification (recadrage, surimpression, retouche) : {(t.ModificationAllowed == true ? "autorisée" : "non autorisée")}"));
        b.AppendLine(L($"Attribution: {(t.AttributionRequired == true ? "required" : "not required")}", $"Mention de l'auteur : {(t.AttributionRequired == true ? "obligatoire" : "non obligatoire")}"));
        b.AppendLine(L($"Exclusive: {(t.Exclusive == true ? "yes" : "no")}", $"Exclusivité : {(t.Exclusive == true ? "oui" : "non")}"));
        b.AppendLine(L($"Fee: {(t.Fee is { } fee ? $"{fee.Amount / 100m:0.00} {fee.Currency}" : "none")}", $"Rémunération : {(t.Fee is { } g ? $"{g.Amount / 100m:0.00} {g.Currency}" : "aucune")}"));
        if (t.Purpose is not null)
        {
            b.AppendLine(L($"Purpose: {t.Purpose}", $"Finalité : {t.Purpose}"));
        }

        if (t.RevocationTerms is not null)
        {
            b.AppendLine(L($"Revocation: {t.RevocationTerms}", $"Révocation : {t.RevocationTerms}"));
        }

        if (t.GoverningLaw is not null)
        {
            b.AppendLine(L($"Governing law: {t.GoverningLaw}", $"Droit applicable : {t.GoverningLaw}"));
        }

        return b.ToString();
    }

    private static string Form(string token, string language, string hash) => $"""
        <form method="post" action="/consent/{Encoder.Encode(token)}?lang={language}">
          <input type="hidden" name="textSha256" value="{hash}">
          <button type="submit" name="decision" value="accept">{T(language, "I accept these terms", "J'accepte ces conditions")}</button>
          <button type="submit" name="decision" value="decline">{T(language, "I decline", "Je refuse")}</button>
        </form>
        """;

    private static string Html(string language, string terms, string form) => $"""
        <!doctype html>
        <html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{T(language, "Use of your content", "Utilisation de votre contenu")}</title></head>
        <body><main>
        <h1>{T(language, "May we use your content?", "Pouvons-nous utiliser votre contenu ?")}</h1>
        <p>{T(language, "Please read the terms below. Each right is listed separately.", "Lisez les conditions ci-dessous. Chaque droit est indiqué séparément.")}</p>
        <pre id="terms">{Encoder.Encode(terms)}</pre>
        {form}
        </main></body></html>
        """;

    private static Page Message(int status, string language, string title, string text) =>
        new(status, Html(language, text, "").Replace(T(language, "May we use your content?", "Pouvons-nous utiliser votre contenu ?"), Encoder.Encode(title), StringComparison.Ordinal));

    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/consent/{token}", async (string token, string? lang, IMediator mediator, CancellationToken ct) =>
            {
                var page = await mediator.Send(new Request(token, lang), ct);
                return Results.Content(page.Html, "text/html; charset=utf-8", Encoding.UTF8, page.Status);
            })
            .AllowAnonymous()
            .WithMetadata(PublicEndpoint.Instance)
            .ExcludeFromDescription();
        app.MapPost("/consent/{token}", async (string token, string? lang, HttpRequest http, IMediator mediator, CancellationToken ct) =>
            {
                // The token is checked before the body is read: an unknown link costs no form parsing.
                var shown = await mediator.Send(new Request(token, lang), ct);
                if (shown.Status != 200)
                {
                    return Results.Content(shown.Html, "text/html; charset=utf-8", Encoding.UTF8, shown.Status);
                }

                var (decision, textSha256) = await ReadAnswerAsync(http, ct);
                var page = decision is null
                    ? Message(400, Language(lang, "en"), "Bad request", "This form could not be read. Go back, reload the page and answer again.")
                    : await mediator.Send(new Answer(token, lang, decision, textSha256, http.HttpContext.Connection.RemoteIpAddress), ct);
                return Results.Content(page.Html, "text/html; charset=utf-8", Encoding.UTF8, page.Status);
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
            var form = await http.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueCountLimit = 10, KeyLengthLimit = 64, ValueLengthLimit = 256 }, ct);
            return (form["decision"].ToString(), form["textSha256"].ToString());
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException or DecoderFallbackException)
        {
            return (null, null);
        }
    }
}
