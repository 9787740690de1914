using System.Globalization;
using System.Text;

namespace InfluenceCrm.Performance.Imports;

/// <summary>
/// The exports we read, told apart by their column names (any subset that identifies them: monthly exports vary), in
/// English and, for the tools that localise them, French and Spanish. Each column maps to one field of ours.
/// </summary>
internal static class ExportFormats
{
    public const string MetaInstagram = "meta_instagram";
    public const string MetaFacebook = "meta_facebook";
    public const string YouTube = "youtube_studio";
    public const string TikTok = "tiktok";
    public const string Sprout = "sprout_social";
    public const string Ga4 = "ga4";

    public static readonly string[] All = [MetaInstagram, MetaFacebook, YouTube, TikTok, Sprout, Ga4];

    /// <summary>Our fields, and the column names (normalised: lower case, no accents, straight quotes) that hold them: English, then French and
    /// Spanish.</summary>
    private static readonly Dictionary<string, (string[] English, string[] Romance)> Columns = new()
    {
        ["post_id"] = (["post id"], ["identifiant de la publication", "id de la publicacion", "identificador de la publicacion"]),
        ["account"] = (["account username"], ["nom d'utilisateur du compte", "nombre de usuario de la cuenta"]),
        ["page"] = (["page name"], ["nom de la page", "nombre de la pagina"]),
        ["permalink"] = (["permalink"], ["permalien", "enlace permanente"]),
        ["publish_time"] = (["publish time", "video publish time", "post time", "date"],
            ["heure de publication", "hora de publicacion", "heure de publication de la video", "hora de publicacion del video"]),
        ["views"] = (["views", "total views", "video views"], ["vues", "visualizaciones"]),
        ["reach"] = (["reach"], ["couverture", "alcance"]),
        ["impressions"] = (["impressions"], ["impresiones"]),
        ["likes"] = (["likes", "total likes"], ["j'aime", "me gusta"]),
        ["reactions"] = (["reactions"], ["reacciones"]),
        ["comments"] = (["comments", "comments added", "total comments"], ["commentaires", "comentarios", "commentaires ajoutes", "comentarios anadidos"]),
        ["shares"] = (["shares", "total shares"], ["partages", "veces que se ha compartido", "veces compartido"]),
        ["saves"] = (["saves", "add to favorites"], ["enregistrements", "veces guardado", "ajouts aux favoris"]),
        ["engagements"] = (["engagements"], []),
        ["content"] = (["content"], ["contenu", "contenido"]),
        ["video_title"] = (["video title"], ["titre de la video", "titulo del video"]),
        ["video_link"] = (["video link"], ["lien de la video"]),
        ["network"] = (["network"], []),
        ["profile"] = (["profile"], []),
        ["link"] = (["link", "post link"], []),
        ["sessions"] = (["sessions"], []),
        ["engaged_sessions"] = (["engaged sessions"], ["sessions avec engagement", "sesiones con interaccion"]),
        ["key_events"] = (["key events"], ["evenements cles", "eventos clave"]),
        ["revenue"] = (["total revenue"], ["revenus totaux", "ingresos totales"]),
        ["source_medium"] = (["session source / medium"], ["source / support de la session", "fuente / medio de la sesion"]),
        ["campaign"] = (["session campaign"], ["campagne de la session", "campana de la sesion"]),
        ["ad_content"] = (["session manual ad content"], ["contenu publicitaire manuel de la session", "contenido del anuncio manual de la sesion"]),
        ["landing_page"] = (["landing page + query string"], ["page de destination + chaine de requete", "pagina de destino + cadena de consulta"]),
    };

    public static string Normalise(string header)
    {
        var text = header.Replace('\uFEFF', ' ').Replace('’', '\'').Replace('\u00a0', ' ').Trim().ToLowerInvariant();
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            plain.Append(c);
        }

        return string.Join(' ', plain.ToString().Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Our field for each column index (null: a column we do not read).</summary>
    public static string?[] FieldsOf(IReadOnlyList<string> headers) =>
        headers.Select(Normalise).Select(n => Columns.FirstOrDefault(c => c.Value.English.Contains(n) || c.Value.Romance.Contains(n)).Key).ToArray();

    /// <summary>Headers in French or Spanish: the file's numbers then use a decimal comma.</summary>
    public static bool LooksRomance(IReadOnlyList<string> headers) =>
        headers.Select(Normalise).Any(n => Columns.Values.Any(v => v.Romance.Contains(n)));

    /// <summary>The format the columns identify, or null.</summary>
    public static string? Detect(IReadOnlySet<string> fields) =>
        fields.Contains("sessions")
            && (fields.Contains("ad_content") || fields.Contains("landing_page") || fields.Contains("campaign") || fields.Contains("source_medium")) ? Ga4
        : fields.Contains("content") && (fields.Contains("video_title") || fields.Contains("views")) ? YouTube
        : fields.Contains("network") && fields.Contains("link") && (fields.Contains("impressions") || fields.Contains("engagements")) ? Sprout
        : fields.Contains("video_link") || (fields.Contains("video_title") && !fields.Contains("content")) ? TikTok
        : fields.Contains("post_id") && fields.Contains("permalink") && fields.Contains("page") ? MetaFacebook
        : fields.Contains("post_id") && fields.Contains("permalink") ? MetaInstagram
        : null;

    /// <summary>What a person reads about each format in an error: the columns that identify it.</summary>
    public static string Describe() =>
        "Meta Business Suite (Post ID, Permalink, Publish time…), YouTube Studio (Content, Video title, Views…), TikTok (Video link, Total views…), "
        + "Sprout Social (Network, Link, Impressions…), Google Analytics 4 (Sessions, Session manual ad content or Landing page + query string…)";
}
