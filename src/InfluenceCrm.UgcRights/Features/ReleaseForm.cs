using InfluenceCrm.Platform.Webhooks;
using System.Globalization;
using System.Net;
using System.Text;
using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Audit;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Http;
using InfluenceCrm.Access.PublicQueries;
using InfluenceCrm.Platform.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InfluenceCrm.UgcRights.Features;

/// <summary>
/// The public release form behind a request's unguessable, expiring link (<c>/consent/{token}</c>): a page in the
/// author's language (French or English, with a switch) under the workspace's name and logo, stating each right
/// separately in plain words with its channels, territories and period, the conditions, and the privacy notice; then
/// accept / decline. Accepting records the evidence (time, consent-text version, SHA-256 of the terms shown, salted hash
/// of the IP) and creates the grant. The answer pages say what happened and what the person can do next. No API key is
/// needed, and the page shows nothing beyond its one request.
/// </summary>
public static class ReleaseForm
{
    /// <summary>The wording's version, kept with every acceptance (2: plain words, each right with its scope).</summary>
    public const string ConsentTextVersion = "ugc-release-2";

    // Escapes markup but keeps accented letters as they are (the page is UTF-8).
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>Show the form.</summary>
    public sealed record Request(string Token, string? Language) : IRequest<Page>;

    /// <summary>The author's answer, as posted by the form.</summary>
    public sealed record Answer(string Token, string? Language, string? Decision, string? TextSha256, IPAddress? Address) : IRequest<Page>;

    public sealed record Page(int Status, string Html);

    /// <summary>The terms as shown: headed sections of lines. Their plain text is what the acceptance's hash covers.</summary>
    public sealed record Terms(IReadOnlyList<(string Heading, IReadOnlyList<string> Lines)> Sections)
    {
        public string Text => string.Concat(Sections.Select(s => s.Heading + "\n" + string.Concat(s.Lines.Select(l => "- " + l + "\n"))));

        public string Html => string.Concat(Sections.Select(s =>
            $"<h3>{Encoder.Encode(s.Heading)}</h3><ul>{string.Concat(s.Lines.Select(l => $"<li>{Encoder.Encode(l)}</li>"))}</ul>"));
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
            var brand = await mediator.Send(new GetWorkspaceBrand.Request(found.WorkspaceId), cancellationToken);
            var terms = TermsOf(found.Terms, await SourceUrlAsync(c, found, cancellationToken), language);
            var body = $"""
                <p class="lead">{Encoder.Encode(L(language, $"{brand.Name} would like to use your content. Here is exactly what you would allow. Nothing is used unless you accept, and you may refuse.",
                    $"{brand.Name} souhaite utiliser votre contenu. Voici exactement ce que vous autoriseriez. Rien n'est utilisé sans votre accord, et vous pouvez refuser."))}</p>
                <section aria-labelledby="terms-title" class="terms">
                <h2 id="terms-title">{L(language, "What you would allow", "Ce que vous autoriseriez")}</h2>
                {terms.Html}
                </section>
                {Form(request.Token, language, Digest.Sha256Hex(terms.Text))}
                {PrivacyNotice(language, brand)}
                """;
            return new Page(200, Html(language, brand, L(language, $"May {brand.Name} use your content?", $"{brand.Name} peut-il utiliser votre contenu ?"), body, request.Token));
        }

        public async Task<Page> Handle(Answer answer, CancellationToken cancellationToken)
        {
            if (answer.Decision is not ("accept" or "decline"))
            {
                return Message(400, Language(answer.Language, "en"), null, L(Language(answer.Language, "en"), "This answer could not be read", "Cette réponse n'a pas pu être lue"),
                    L(Language(answer.Language, "en"), "Go back, reload the page and choose to accept or to refuse.", "Revenez en arrière, rechargez la page et choisissez d'accepter ou de refuser."));
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
                var brand = await mediator.Send(new GetWorkspaceBrand.Request(found.WorkspaceId), cancellationToken);
                var terms = TermsOf(found.Terms, await SourceUrlAsync(c, found, cancellationToken, tx), language);
                if (answer.TextSha256 != Digest.Sha256Hex(terms.Text))
                {
                    return Message(409, language, brand, L(language, "The terms changed", "Les conditions ont changé"),
                        L(language, "The terms changed since this page was shown, so your answer was not recorded. Reload the page and read them again.",
                            "Les conditions ont changé depuis l'affichage de la page : votre réponse n'a pas été enregistrée. Rechargez la page et relisez-les."));
                }

                string? grantId = null;
                if (answer.Decision == "accept")
                {
                    var evidence = new Evidence("release_form", $"request:{found.Id}", store.Now, $"{ConsentTextVersion}/{language}", Digest.Sha256Hex(terms.Text), ipHash);
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
                await webhooks.PublishAsAsync(c, tx, found.WorkspaceId, answer.Decision == "accept" ? WebhookEventTypes.RightsRequestGranted : WebhookEventTypes.RightsRequestDenied,
                    (await store.LoadRequestAsync(c, found.WorkspaceId, found.Id, tx, cancellationToken)).ToView(store.Now), cancellationToken);
                var when = Day(DateOnly.FromDateTime(store.Now.UtcDateTime), language);
                return answer.Decision == "accept"
                    ? Message(200, language, brand, L(language, "Thank you: your agreement is recorded", "Merci : votre accord est enregistré"),
                        L(language, $"On {when} you allowed {brand.Name} to use your content as written below. Keep this page (or take a screenshot): it is your copy. {Withdraw(language, brand)}",
                            $"Le {when}, vous avez autorisé {brand.Name} à utiliser votre contenu comme indiqué ci-dessous. Gardez cette page (ou une capture d'écran) : c'est votre exemplaire. {Withdraw(language, brand)}"),
                        terms)
                    : Message(200, language, brand, L(language, "Your refusal is recorded", "Votre refus est enregistré"),
                        L(language, $"On {when} you refused. {brand.Name} will not use your content under this request. You have nothing else to do.",
                            $"Le {when}, vous avez refusé. {brand.Name} n'utilisera pas votre contenu au titre de cette demande. Vous n'avez rien d'autre à faire."));
            }, cancellationToken);
        }

        private async Task<(UgcStore.RequestRow? Request, Page? Problem)> FindAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, string token,
            string? asked, CancellationToken ct)
        {
            var request = token.Length is < 20 or > 100 ? null
                : await c.QuerySingleOrDefaultAsync<UgcStore.RequestRow>(UgcStore.LoadRequestByToken, new { TokenHash = RequestRights.TokenHash(token) }, tx, ct);
            if (request is null)
            {
                var unknown = Language(asked, "en");
                return (null, Message(404, unknown, null, L(unknown, "This link does not exist", "Ce lien n'existe pas"),
                    L(unknown, "Check that you opened the whole link from the message you received; nothing was recorded.",
                        "Vérifiez que vous avez ouvert le lien complet reçu dans votre message ; rien n'a été enregistré.")));
            }

            var status = request.EffectiveStatus(store.Now);
            if (status == "requested")
            {
                return (request, null);
            }

            var language = Language(asked, request.Language);
            var brand = await mediator.Send(new GetWorkspaceBrand.Request(request.WorkspaceId), ct);
            var why = status switch
            {
                "expired" => L(language, $"It expired on {Day(DateOnly.FromDateTime(request.ExpiresAt.UtcDateTime), language)}, without an answer: nothing was recorded and your content may not be used under it.",
                    $"Il a expiré le {Day(DateOnly.FromDateTime(request.ExpiresAt.UtcDateTime), language)} sans réponse : rien n'a été enregistré et votre contenu ne peut pas être utilisé à ce titre."),
                "granted" => L(language, "It was already answered: your agreement is recorded.", "Il a déjà reçu une réponse : votre accord est enregistré."),
                "denied" => L(language, "It was already answered: your refusal is recorded.", "Il a déjà reçu une réponse : votre refus est enregistré."),
                _ => L(language, "It is no longer open.", "Il n'est plus ouvert."),
            };
            return (null, Message(410, language, brand, L(language, "This link is closed", "Ce lien est clos"), $"{why} {Withdraw(language, brand)}"));
        }

        private async Task<string> SourceUrlAsync(System.Data.Common.DbConnection c, UgcStore.RequestRow request, CancellationToken ct, System.Data.Common.DbTransaction? tx = null) =>
            (await store.LoadAssetAsync(c, request.WorkspaceId, request.AssetId, tx, ct)).SourceUrl;
    }

    private static string Language(string? asked, string stored) => asked is "fr" or "en" ? asked : stored.Trim() is "fr" ? "fr" : "en";

    private static string L(string language, string en, string fr) => language == "fr" ? fr : en;

    private static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB");

    private static string Day(DateOnly day, string language) => day.ToString("d MMMM yyyy", Culture(language));

    private static string Withdraw(string language, WorkspaceBrand brand) => brand.PrivacyContact is { } contact
        ? L(language, $"For any question, or to withdraw, write to {contact}.", $"Pour toute question, ou pour retirer votre accord, écrivez à {contact}.")
        : L(language, "For any question, or to withdraw, reply to the message that sent you this link.", "Pour toute question, ou pour retirer votre accord, répondez au message qui vous a envoyé ce lien.");

    private static string Join(IEnumerable<string> items, string language)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + L(language, " and ", " et ") + list[^1];
    }

    private static string Right(string right, string language) => right switch
    {
        "reproduction" => L(language, "Copy your content (reproduce it)", "Copier votre contenu (le reproduire)"),
        "public_display" => L(language, "Show it to the public", "Le montrer au public"),
        "adaptation" => L(language, "Adapt it (crop, caption, edit)", "L'adapter (recadrer, légender, retoucher)"),
        "translation" => L(language, "Translate its text", "En traduire le texte"),
        "all" => L(language, "Every right of an author over it", "Tous les droits d'auteur sur ce contenu"),
        _ => right,
    };

    private static string Channel(string channel, string language) => channel switch
    {
        "organic_social" => L(language, "the brand's own social media posts", "les publications de la marque sur ses réseaux sociaux"),
        "paid_social" => L(language, "paid ads on social media", "des publicités payantes sur les réseaux sociaux"),
        "creator_whitelisting" => L(language, "ads shown from your own account", "des publicités diffusées depuis votre propre compte"),
        "website" => L(language, "the brand's website", "le site web de la marque"),
        "email" => L(language, "the brand's e-mails and newsletters", "les e-mails et newsletters de la marque"),
        "ooh_print" => L(language, "posters and printed material", "des affiches et documents imprimés"),
        "tv_ctv" => L(language, "television and connected TV", "la télévision et la TV connectée"),
        "in_store" => L(language, "in shops", "en magasin"),
        "all" => L(language, "every medium", "tous les supports"),
        _ => channel,
    };

    private static string Territory(string code, string language) => code == "worldwide"
        ? L(language, "the whole world", "le monde entier")
        : InfluenceCrm.Platform.WebConsole.Labels.Country(code, Culture(language));

    /// <summary>The exact terms the author agrees to: each right on its own line with where and when, as French law wants them stated (CPI L131-3).</summary>
    public static Terms TermsOf(GrantTerms t, string sourceUrl, string language)
    {
        var channels = Join((t.Channels ?? []).Select(c => Channel(c, language)), language);
        var territories = Join((t.Territories ?? []).Select(c => Territory(c, language)), language);
        var period = t.EndsOn is { } end
            ? L(language, $"from {Day(t.StartsOn ?? default, language)} to {Day(end, language)}", $"du {Day(t.StartsOn ?? default, language)} au {Day(end, language)}")
            : L(language, $"from {Day(t.StartsOn ?? default, language)}, without an end date", $"à partir du {Day(t.StartsOn ?? default, language)}, sans date de fin");
        var licensor = string.Join(" ", new[] { t.Licensor?.Name, t.Licensor?.Handle is { Length: > 0 } h ? "@" + h.TrimStart('@') : null }.Where(x => x is not null));
        var conditions = new List<string>
        {
            t.ModificationAllowed == true
                ? L(language, "Your content may be modified (cropped, captioned, edited).", "Votre contenu peut être modifié (recadré, légendé, retouché).")
                : L(language, "Your content may not be modified: it is used as you published it.", "Votre contenu ne peut pas être modifié : il est utilisé tel que vous l'avez publié."),
            t.AttributionRequired == true
                ? L(language, "Your name or handle is shown with your content.", "Votre nom ou votre pseudo est indiqué avec votre contenu.")
                : L(language, "Your name or handle need not be shown.", "Votre nom ou votre pseudo peut ne pas être indiqué."),
            t.Exclusive == true
                ? L(language, "Exclusive: you may not let anyone else use this content for the same period.", "Exclusif : vous ne pouvez pas laisser quelqu'un d'autre utiliser ce contenu pendant cette période.")
                : L(language, "Not exclusive: you keep your content and may let others use it too.", "Non exclusif : vous gardez votre contenu et pouvez aussi le confier à d'autres."),
            t.Fee is { Amount: { } amount } fee
                ? L(language, $"You are paid {(amount / 100m).ToString("N2", Culture(language))} {fee.Currency}.", $"Vous êtes payé {(amount / 100m).ToString("N2", Culture(language))} {fee.Currency}.")
                : L(language, "You are not paid for this use.", "Vous n'êtes pas payé pour cet usage."),
        };
        if (t.Purpose is { Length: > 0 } purpose)
        {
            conditions.Add(L(language, $"Purpose: {purpose}", $"Finalité : {purpose}"));
        }

        if (t.RevocationTerms is { Length: > 0 } revocation)
        {
            conditions.Add(L(language, $"Ending this agreement early: {revocation}", $"Mettre fin à cet accord avant son terme : {revocation}"));
        }

        if (t.GoverningLaw is { Length: > 0 } law)
        {
            conditions.Add(L(language, $"The law of {Territory(law, language)} applies.", $"Le droit applicable est celui de : {Territory(law, language)}."));
        }

        return new Terms(
        [
            (L(language, "Your content", "Votre contenu"), [sourceUrl]),
            (L(language, "Between", "Entre"), [L(language, $"You: {licensor}", $"Vous : {licensor}"), L(language, $"And: {string.Join(", ", t.Licensees ?? [])}", $"Et : {string.Join(", ", t.Licensees ?? [])}")]),
            (L(language, "Each right you would give", "Chaque droit que vous accorderiez"),
                (t.Rights ?? []).Select(r => L(language, $"{Right(r, language)}: on {channels}; countries: {territories}; {period}.", $"{Right(r, language)} : sur {channels} ; pays : {territories} ; {period}.")).ToList()),
            (L(language, "Conditions", "Conditions"), conditions),
        ]);
    }

    private static string Form(string token, string language, string hash) => $"""
        <form method="post" action="/consent/{Encoder.Encode(token)}?lang={language}" class="answer">
          <input type="hidden" name="textSha256" value="{hash}">
          <button type="submit" name="decision" value="accept" class="accept">{L(language, "I accept these terms", "J'accepte ces conditions")}</button>
          <button type="submit" name="decision" value="decline" class="decline">{L(language, "I refuse", "Je refuse")}</button>
        </form>
        """;

    /// <summary>GDPR art. 13: who processes what, why, for how long, and how to withdraw or complain.</summary>
    private static string PrivacyNotice(string language, WorkspaceBrand brand) => $"""
        <section aria-labelledby="privacy-title" class="privacy">
        <h2 id="privacy-title">{L(language, "Your personal data", "Vos données personnelles")}</h2>
        <p>{Encoder.Encode(L(language,
            $"{brand.Name} is responsible for the data of this request: your name or handle, the link to your content, your answer and when you gave it, and a scrambled (hashed) form of your internet address. They are kept as proof of your agreement or refusal, for as long as your content is used and then five years (the time to bring a claim in France, Civil Code art. 2224). They are not sold or used for anything else.",
            $"{brand.Name} est responsable des données de cette demande : votre nom ou pseudo, le lien vers votre contenu, votre réponse et sa date, et une forme brouillée (hachée) de votre adresse internet. Elles sont conservées comme preuve de votre accord ou de votre refus, tant que votre contenu est utilisé puis cinq ans (le délai pour agir en justice en France, art. 2224 du Code civil). Elles ne sont ni vendues ni utilisées à d'autres fins."))}</p>
        <p>{Encoder.Encode(L(language,
            $"You may see, correct or erase your data, and withdraw your agreement for the future. {Withdraw(language, brand)} You may also complain to the data-protection authority (in France, the CNIL: www.cnil.fr).",
            $"Vous pouvez consulter, corriger ou effacer vos données, et retirer votre accord pour l'avenir. {Withdraw(language, brand)} Vous pouvez aussi saisir l'autorité de protection des données (en France, la CNIL : www.cnil.fr)."))}</p>
        </section>
        """;

    private const string Current = " aria-current=\"true\"";

    private static string Html(string language, WorkspaceBrand? brand, string title, string body, string? token = null)
    {
        var logo = brand?.LogoDataUri is { } uri ? $"<img src=\"{uri}\" alt=\"{Encoder.Encode(brand.Name)}\" class=\"logo\">" : "";
        var name = brand is { Name.Length: > 0 } ? $"<span class=\"workspace\">{Encoder.Encode(brand.Name)}</span>" : "";
        var languages = token is null ? "" : $"""
            <nav aria-label="{L(language, "Language", "Langue")}" class="languages">
            <a href="/consent/{Encoder.Encode(token)}?lang=fr" lang="fr" hreflang="fr"{(language == "fr" ? Current : "")}>Français</a>
            <a href="/consent/{Encoder.Encode(token)}?lang=en" lang="en" hreflang="en"{(language == "en" ? Current : "")}>English</a>
            </nav>
            """;
        return $"""
            <!doctype html>
            <html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex"><title>{Encoder.Encode(title)}</title>
            <link rel="stylesheet" href="/_content/InfluenceCrm.UgcRights/consent.css"></head>
            <body><header class="brand">{logo}{name}{languages}</header>
            <main>
            <h1>{Encoder.Encode(title)}</h1>
            {body}
            </main></body></html>
            """;
    }

    private static Page Message(int status, string language, WorkspaceBrand? brand, string title, string text, Terms? terms = null) =>
        new(status, Html(language, brand, title, $"""
            <p class="lead">{Encoder.Encode(text)}</p>
            {(terms is null ? "" : $"<section aria-labelledby=\"terms-title\" class=\"terms\"><h2 id=\"terms-title\">{L(language, "What you allowed", "Ce que vous avez autorisé")}</h2>{terms.Html}</section>")}
            """));

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
                    ? Message(400, Language(lang, "en"), null, L(Language(lang, "en"), "This answer could not be read", "Cette réponse n'a pas pu être lue"),
                        L(Language(lang, "en"), "Go back, reload the page and answer again.", "Revenez en arrière, rechargez la page et répondez à nouveau."))
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
