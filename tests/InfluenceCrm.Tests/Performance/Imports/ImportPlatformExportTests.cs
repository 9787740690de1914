using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;

namespace InfluenceCrm.Tests.Performance.Imports;

/// <summary>
/// Importing the exports community managers already have, over HTTP: one file per format and per encoding or locale
/// variant, written by the tests from the column names the tools publish; the matched deliverables and the stored figures.
/// </summary>
public abstract class ImportPlatformExportTests(ApiFixture api)
{
    private sealed record Published(string CampaignId, string Instagram, string TikTok, string YouTube, string Facebook);

    private static string VideoId(string tag) => (tag + "Vid_0123456789")[..11];

    /// <summary>A live campaign whose creator's four deliverables are published (through the API's own workflow).</summary>
    private async Task<Published> PublishedCampaignAsync(string tag)
    {
        var setup = await PerformanceApiTests.CampaignAsync(api, creators: 2);
        var campaign = $"/api/v1/campaigns/{setup.CampaignId}";
        var read = await api.Client().GetAsync(campaign);
        var planned = await api.Client().Send(HttpMethod.Post, $"{campaign}/status", new { status = "planned" }, ifMatch: read.ETag());
        await (await api.Client().Send(HttpMethod.Post, $"{campaign}/status", new { status = "live" }, ifMatch: planned.ETag())).Expect(HttpStatusCode.OK);
        var urls = new[]
        {
            $"https://www.instagram.com/p/C{tag}ig/", $"https://www.tiktok.com/@lea/video/73{tag.GetHashCode() & 0xffffff}", $"https://youtu.be/{VideoId(tag)}",
            $"https://www.facebook.com/acme/posts/pfbid{tag}",
        };
        for (var i = 0; i < 4; i++)
        {
            var url = $"{campaign}/deliverables/{setup.Deliverables[i].Id}";
            var step = await api.Client(Roles.Integration)
                .Send(HttpMethod.Post, $"{url}/drafts", new { caption = "Publicité – ma routine" }, ifMatch: (await api.Client().GetAsync(url)).ETag());
            step = await api.Client(Roles.Brand).Send(HttpMethod.Post, $"{url}/reviews", new { verdict = "approved" }, ifMatch: step.ETag());
            await (await api.Client(Roles.Integration).Send(HttpMethod.Post, $"{url}/publication",
                new { postUrl = urls[i], publishedAt = DateTimeOffset.UtcNow.AddDays(-3), paidPartnershipLabel = true }, ifMatch: step.ETag()))
                    .Expect(HttpStatusCode.OK);
        }

        return new Published(setup.CampaignId, setup.Deliverables[0].Id, setup.Deliverables[1].Id, setup.Deliverables[2].Id, setup.Deliverables[3].Id);
    }

    private Task<HttpResponseMessage> Import(string campaignId, byte[] file, string contentType = "text/csv", string? format = null)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return api.Client(Roles.Integration)
            .PostAsync($"/api/v1/performance/campaigns/{campaignId}/imports{(format is null ? "" : "?format=" + format)}", content);
    }

    private async Task<JsonNode> Latest(string deliverableId) =>
        (await (await api.Client().GetAsync($"/api/v1/performance/engagement-snapshots?deliverableId={deliverableId}&limit=1"))
            .Expect(HttpStatusCode.OK))["items"]![0]!;

    private static byte[] Utf8(string text, bool bom = false) => [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. Encoding.UTF8.GetBytes(text)];

    [Fact]
    public async Task
        A_meta_instagram_export_in_utf8_with_bom_is_matched_by_permalink_and_re_importing_it_changes_nothing_while_a_newer_export_adds_to_the_history()
    {
        var c = await PublishedCampaignAsync("Meta1");
        string File(int views) =>
            "Post ID,Account username,Description,Publish time,Permalink,Post type,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves\r\n"
            + $"17912345678,lea.beauty,\"Ma routine, #ad\",{DateTime.UtcNow.AddDays(-3):MM/dd/yyyy HH:mm},https://instagram.com/p/CMeta1ig?igsh=abc,IG " +
            $"reel,Lifetime,{views},\"8,400\",512,31,4,27,66\r\n"
            + $"17999999999,lea.beauty,Autre chose,{DateTime.UtcNow.AddDays(-2):MM/dd/yyyy HH:mm},https://www.instagram.com/p/Nope123/,IG " +
            $"image,Lifetime,10,9,1,0,0,0,0\r\n"
            + $"17888888888,lea.beauty,Old post,01/02/2020 10:00,https://www.instagram.com/p/Old999/,IG image,Lifetime,10,9,1,0,0,0,0\r\n";

        var first = await (await Import(c.CampaignId, Utf8(File(12000), bom: true))).Expect(HttpStatusCode.OK);
        Assert.Equal("meta_instagram", (string)first["format"]!);
        Assert.Equal("UTF-8", (string)first["encoding"]!);
        var rows = first["rows"]!.AsArray();
        Assert.Equal(("created", c.Instagram, "permalink"), ((string)rows[0]!["status"]!, (string)rows[0]!["deliverableId"]!, (string)rows[0]!["matchedBy"]!));
        Assert.Equal(2, (int)rows[0]!["row"]!); // the line in the file
        Assert.Equal("skipped", (string)rows[1]!["status"]!);
        Assert.Contains("no deliverable of this campaign", (string)rows[1]!["reason"]!, StringComparison.Ordinal);
        Assert.Contains("outside the campaign", (string)rows[2]!["reason"]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)first["totals"]!["created"]!);
        var stored = await Latest(c.Instagram);
        Assert.Equal((12000L, 8400L, 512L, 27L, 31L, 66L),
            ((long)stored["views"]!, (long)stored["reach"]!, (long)stored["likes"]!, (long)stored["comments"]!, (long)stored["shares"]!,
            (long)stored["saves"]!));
        Assert.Equal("meta_instagram", (string)stored["source"]!);

        var again = await (await Import(c.CampaignId, Utf8(File(12000), bom: true))).Expect(HttpStatusCode.OK);
        Assert.Equal("unchanged", (string)again["rows"]![0]!["status"]!);
        var newer = await (await Import(c.CampaignId, Utf8(File(15500)))).Expect(HttpStatusCode.OK);
        Assert.Equal("updated", (string)newer["rows"]![0]!["status"]!);
        Assert.Equal(15500L, (long)(await Latest(c.Instagram))["views"]!);
        await using var db = await api.Db.OpenAsync();
        Assert.Equal(2L,
            await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_engagement_snapshots WHERE deliverable_id = @d", new { d = c.Instagram }));
    }

    [Fact]
    public async Task A_youtube_studio_export_in_french_skips_its_total_row_matches_video_ids_and_reads_french_numbers()
    {
        var c = await PublishedCampaignAsync("Yt2");
        var file = "Contenu,Titre de la vidéo,Heure de publication de la vidéo,Vues,Durée de visionnage (heures),Impressions," +
            "Taux de clics des impressions (%),J'aime,Commentaires ajoutés,Partages,Abonnés obtenus\n"
            + "Total,,,\"41 250\",\"1 204,5\",\"310 000\",\"5,2\",\"2 100\",130,90,75\n"
            + $"{VideoId("Yt2")},Ma routine sérum,\"3 nov. 2026\",\"28 000\",\"812,4\",\"210 000\",\"62,1\",\"1 500\",96,61,50\n";
        var answer = await (await Import(c.CampaignId, Utf8(file))).Expect(HttpStatusCode.OK);
        Assert.Equal("youtube_studio", (string)answer["format"]!);
        var rows = answer["rows"]!.AsArray();
        Assert.Equal(("skipped", "a totals row"), ((string)rows[0]!["status"]!, (string)rows[0]!["reason"]!));
        Assert.Equal(("created", c.YouTube, "video id"), ((string)rows[1]!["status"]!, (string)rows[1]!["deliverableId"]!, (string)rows[1]!["matchedBy"]!));
        var stored = await Latest(c.YouTube);
        Assert.Equal((28000L, 210000L, 1500L, 96L, 61L),
            ((long)stored["views"]!, (long)stored["impressions"]!, (long)stored["likes"]!, (long)stored["comments"]!, (long)stored["shares"]!));
    }

    [Fact]
    public async Task A_tiktok_export_with_shorthand_thousands_is_matched_by_video_link()
    {
        var c = await PublishedCampaignAsync("Tk3");
        var link = $"https://www.tiktok.com/@lea/video/73{"Tk3".GetHashCode() & 0xffffff}?is_from_webapp=1";
        var file = "Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views,Add to favorites\n"
            + $"#routine Ma routine,{link},2026-11-24 18:00:00,1.2K,87,\"2,3K\",45.6K,310\n";
        var answer = await (await Import(c.CampaignId, Utf8(file))).Expect(HttpStatusCode.OK);
        Assert.Equal("tiktok", (string)answer["format"]!);
        Assert.Equal(("created", c.TikTok, "video link"),
            ((string)answer["rows"]![0]!["status"]!, (string)answer["rows"]![0]!["deliverableId"]!, (string)answer["rows"]![0]!["matchedBy"]!));
        var stored = await Latest(c.TikTok);
        Assert.Equal((45600L, 1200L, 87L, 2300L, 310L),
            ((long)stored["views"]!, (long)stored["likes"]!, (long)stored["comments"]!, (long)stored["shares"]!, (long)stored["saves"]!));
    }

    [Fact]
    public async Task A_sprout_social_export_saved_by_excel_as_utf16_with_a_sep_line_is_read()
    {
        var c = await PublishedCampaignAsync("Sp4");
        var file = "sep=,\r\nDate,Network,Post Type,Profile,Link,Post,Impressions,Reach,Engagements,Reactions,Likes,Comments,Shares,Saves,Post Link " +
            "Clicks,Video Views\r\n"
            + "11/24/2026 6:00 pm,Instagram,Reel,lea.beauty,https://instagram.com/p/CSp4ig,\"Ma routine « sérum " +
            "»\",\"5,120\",\"4,300\",410,0,380,22,8,19,12,\"3,900\"\r\n";
        var utf16 = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(file)).ToArray();
        var answer = await (await Import(c.CampaignId, utf16, "text/csv")).Expect(HttpStatusCode.OK);
        Assert.Equal(("sprout_social", "UTF-16", ","), ((string)answer["format"]!, (string)answer["encoding"]!, (string)answer["separator"]!));
        Assert.Equal(c.Instagram, (string)answer["rows"]![0]!["deliverableId"]!);
        var stored = await Latest(c.Instagram);
        Assert.Equal((5120L, 4300L, 380L, 22L, 19L),
            ((long)stored["impressions"]!, (long)stored["reach"]!, (long)stored["likes"]!, (long)stored["comments"]!, (long)stored["saves"]!));
        Assert.Equal(3900L, (long)stored["views"]!);
    }

    [Fact]
    public async Task A_meta_facebook_export_in_spanish_with_semicolons_and_a_multipart_upload_is_read()
    {
        var c = await PublishedCampaignAsync("Fb5");
        var file = "Identificador de la publicación;Nombre de la página;Título;Hora de publicación;Enlace permanente;Tipo de " +
            "publicación;Visualizaciones;Alcance;Me gusta;Comentarios;Veces que se ha compartido;Clics totales\n"
            + $"1234567890;Acme;Rutina;{DateTime.UtcNow.AddDays(-3):MM/dd/yyyy HH:mm};https://www.facebook.com/acme/posts/pfbidFb5;"
            + "Vídeo;12.500;9.800;640;35;12;210\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Utf8(file)), "file", "Facebook export.csv" } };
        var answer = await (await api.Client(Roles.Integration).PostAsync($"/api/v1/performance/campaigns/{c.CampaignId}/imports", form))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(("meta_facebook", ";"), ((string)answer["format"]!, (string)answer["separator"]!));
        Assert.Equal(c.Facebook, (string)answer["rows"]![0]!["deliverableId"]!);
        var stored = await Latest(c.Facebook);
        Assert.Equal((12500L, 9800L, 640L), ((long)stored["views"]!, (long)stored["reach"]!, (long)stored["likes"]!));
    }

    [Fact]
    public async Task A_ga4_export_becomes_site_sessions_per_deliverable_shown_in_the_report_as_ga4_s_figures()
    {
        var c = await PublishedCampaignAsync("Ga6");
        var start = DateTime.UtcNow.AddDays(-7).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var end = DateTime.UtcNow.AddDays(-1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var file = "# ----------------------------------------\n# Traffic acquisition: Session manual ad content\n# Account: Acme\n# Property: acme.com\n"
            + $"# Start date: {start}\n# End date: {end}\n# ----------------------------------------\n\n"
            + "Session source / medium,Session campaign,Session manual ad content,Sessions,Engaged sessions,Key events,Total revenue\n"
            + "Grand total,,,1450,980,61,3120.50\n"
            + $"instagram / influencer,perf,{c.Instagram},1200,800,50,2500.00\n"
            + $"tiktok / influencer,perf,{c.TikTok},250,180,11,620.50\n"
            + "google / organic,(organic),(not set),5000,3000,200,9000\n";
        var answer = await (await Import(c.CampaignId, Utf8(file))).Expect(HttpStatusCode.OK);
        Assert.Equal("ga4", (string)answer["format"]!);
        Assert.Equal(DateTime.UtcNow.AddDays(-7).ToString("yyyy-MM-dd"), (string)answer["periodStart"]!);
        var rows = answer["rows"]!.AsArray();
        Assert.Equal(["skipped", "created", "created", "skipped"], rows.Select(r => (string)r!["status"]!));
        Assert.Equal("utm_content", (string)rows[1]!["matchedBy"]!);
        Assert.Contains("utm_content", (string)rows[3]!["reason"]!, StringComparison.Ordinal);
        Assert.Equal("unchanged", (string)(await (await Import(c.CampaignId, Utf8(file))).Expect(HttpStatusCode.OK))["rows"]![1]!["status"]!);

        var report = await (await api.Client().GetAsync($"/api/v1/reports/campaigns/{c.CampaignId}?groupBy=deliverable")).Expect(HttpStatusCode.OK);
        var instagram = report["rows"]!.AsArray().Single(r => (string)r!["key"]! == c.Instagram)!;
        Assert.Equal((1200L, 50L, 250_000L), ((long)instagram["ga4Sessions"]!, (long)instagram["ga4KeyEvents"]!, (long)instagram["ga4Revenue"]!));
        Assert.Equal(1450L, (long)report["totals"]!["ga4Sessions"]!);
        Assert.Equal(0L, (long)report["totals"]!["conversions"]!); // GA4's figures are beside ours, never added to them
    }

    [Fact]
    public async Task A_file_we_cannot_read_is_a_400_naming_the_first_problem_and_writes_nothing()
    {
        var c = await PublishedCampaignAsync("Bad7");
        async Task<string> Refused(byte[] file, string contentType = "text/csv")
        {
            var problem = await (await Import(c.CampaignId, file, contentType)).Expect(HttpStatusCode.BadRequest);
            return (string)problem["detail"]!;
        }

        var valid = "Post ID,Account username,Publish time,Permalink,Views,Reach\n1,lea,11/20/2026 10:00,https://instagram.com/p/CBad7ig,100,90\n";
        Assert.Contains("UTF-8", await Refused([.. Encoding.UTF8.GetBytes(valid), 0xC3, 0x28, (byte)'\n']), StringComparison.Ordinal);
        Assert.Contains("not an export we know", await Refused(Utf8("Name,Colour\nLéa,blue\n")), StringComparison.Ordinal);
        Assert.Contains("no rows", await Refused(Utf8("Post ID,Permalink,Views\n")), StringComparison.Ordinal);
        var tooMany = new StringBuilder("Post ID,Permalink,Views\n");
        for (var i = 0; i <= 50_000; i++)
        {
            tooMany.Append(i).Append(",https://instagram.com/p/CBad7ig,").Append(i).Append('\n');
        }

        Assert.Contains("50,000", await Refused(Utf8(tooMany.ToString())), StringComparison.Ordinal);
        Assert.Contains("# Start date", await Refused(Utf8("Session manual ad content,Sessions\nx,1\n")), StringComparison.Ordinal);
        await (await Import(c.CampaignId, Utf8(valid), "application/json")).Expect(HttpStatusCode.UnsupportedMediaType);
        await (await Import(c.CampaignId, Utf8(valid), format: "myspace")).Expect(HttpStatusCode.BadRequest);
        await (await api.Client(Roles.Viewer).PostAsync($"/api/v1/performance/campaigns/{c.CampaignId}/imports", new ByteArrayContent(Utf8(valid))))
            .Expect(HttpStatusCode.Forbidden);
        await using var db = await api.Db.OpenAsync();
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_engagement_snapshots WHERE campaign_id = @c", new { c = c.CampaignId }));
    }

    [Fact]
    public async Task A_header_or_row_longer_than_a_record_may_be_is_a_400_and_writes_nothing()
    {
        var c = await PublishedCampaignAsync("Long8");
        var row = "1,https://instagram.com/p/CLong8ig,100\n";
        var longHeader = "Post ID,Permalink,Views," + string.Join(',', Enumerable.Range(0, 9000).Select(i => $"Extra{i}")) + "\n" + row;
        var problem = await (await Import(c.CampaignId, Utf8(longHeader))).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("header", (string)problem["detail"]!, StringComparison.OrdinalIgnoreCase);
        var longRow = "Post ID,Permalink,Views\n" + "2,https://instagram.com/p/CLong8ig,\"" + new string('9', 200_000) + "\"\n";
        await (await Import(c.CampaignId, Utf8(longRow))).Expect(HttpStatusCode.BadRequest);
        await using var db = await api.Db.OpenAsync();
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM perf_engagement_snapshots WHERE campaign_id = @c", new { c = c.CampaignId }));
    }
}

public sealed class ImportPlatformExportOnSqlite(SqliteApiFixture api) : ImportPlatformExportTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ImportPlatformExportOnSqlServer(SqlServerApiFixture api) : ImportPlatformExportTests(api), IClassFixture<SqlServerApiFixture>;
