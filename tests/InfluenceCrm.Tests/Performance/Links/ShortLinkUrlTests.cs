using System.Net;
using System.Text.RegularExpressions;
using InfluenceCrm.Platform.Security;
using InfluenceCrm.Tests.Infrastructure;
using InfluenceCrm.Tests.Performance.Clicks;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace InfluenceCrm.Tests.Performance.Links;

/// <summary>Without PublicBaseUrl, links are absolute on the host the request came to: a QR code of "/r/abc" scans to nothing.</summary>
public sealed class ShortLinkUrlTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Without_a_public_base_url_the_short_link_and_its_qr_code_are_absolute_on_the_requests_host()
    {
        var link = await ClicksTable.LinkAsync(api);
        var code = (string)link["code"]!;
        Assert.Equal($"http://localhost/r/{code}", (string)link["shortUrl"]!); // the in-process server's host

        var person = await ConsoleSession.SignedInAsync(api, "links@acme.example", Roles.Brand);
        person.DefaultRequestHeaders.Host = "crm.brand.example:8443";
        var html = await person.GetStringAsync($"/links/{(string)link["id"]!}");
        var shown = WebUtility.HtmlDecode(Regex.Match(html, "<input id=\"short-url\" readonly value=\"([^\"]*)\"").Groups[1].Value);
        Assert.Equal($"http://crm.brand.example:8443/r/{code}", shown);

        var png = Convert.FromBase64String(WebUtility.HtmlDecode(Regex.Match(html, "<img src=\"data:image/png;base64,([^\"]+)\"").Groups[1].Value));
        Assert.Equal(shown, Scan(png));
    }

    /// <summary>What a phone reads from the QR code (ZXing's decoder).</summary>
    private static string Scan(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var gray = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                gray[(y * bitmap.Width) + x] = (byte)((c.Red + c.Green + c.Blue) / 3);
            }
        }

        var source = new RGBLuminanceSource(gray, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        return result?.Text ?? throw new InvalidOperationException("no QR code could be read");
    }
}
