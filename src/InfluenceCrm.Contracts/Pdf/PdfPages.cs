using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace InfluenceCrm.Contracts.Pdf;

/// <summary>
/// A4 pages of flowing text with PDFsharp's core build (no GDI, so it runs on Linux): headings, paragraphs and bullets, wrapped
/// at word boundaries, a new page when one is full, a footer with the document's name and the page number. The font is the
/// DejaVu Sans shipped with this module (Bitstream Vera licence, see DejaVuSans.LICENSE.txt), embedded as a subset.
/// </summary>
internal sealed partial class PdfPages
{
    private const double Margin = 56, Width = 595.28, Height = 841.89, Bottom = Height - 64;
    private readonly PdfDocument document = new();
    private readonly XFont body, bold, heading, title, small;
    private readonly string footer;
    private XGraphics? graphics;
    private double y;

    public PdfPages(string documentTitle, string footerText, DateTimeOffset createdAt)
    {
        PdfFonts.Install(); // before the first font
        body = new(PdfFonts.Family, 10);
        bold = new(PdfFonts.Family, 10, XFontStyleEx.Bold);
        heading = new(PdfFonts.Family, 12.5, XFontStyleEx.Bold);
        title = new(PdfFonts.Family, 17, XFontStyleEx.Bold);
        small = new(PdfFonts.Family, 8);
        footer = footerText;
        var at = createdAt.UtcDateTime;
        document.Info.Title = documentTitle;
        document.Info.Creator = "InfluenceCrm";
        document.Info.CreationDate = at;
        document.Info.ModificationDate = at;
        NewPage();
    }

    public void Title(string text) => Write(text, title, 0, 10);

    public void Heading(string text)
    {
        if (y > Bottom - 60)
        {
            NewPage();
        }

        y += 8;
        Write(text, heading, 0, 4);
    }

    public void Paragraph(string text) => Write(text, body, 0, 5);

    public void Label(string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            Write(label + " " + value, body, 0, 3, label.Length);
        }
    }

    public void Bullet(string text) => Write("•  " + text, body, 12, 3);

    public void Strong(string text) => Write(text, bold, 0, 4);

    /// <summary>The PDF's bytes: the same terms and version time give the same bytes, so the SHA-256 a signer saw is stable.</summary>
    public byte[] Save(string seed)
    {
        graphics?.Dispose();
        graphics = null;
        var pages = document.PageCount;
        for (var i = 0; i < pages; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawString($"{footer} · {i + 1}/{pages}", small, XBrushes.DimGray, new XPoint(Margin, Height - 36));
        }

        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32];
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        using var stream = new MemoryStream();
        document.Save(stream);
        return Deterministic(stream.ToArray(), id);
    }

    /// <summary>
    /// PDFsharp names a font subset with a random tag and its XMP metadata with random UUIDs; both are replaced, byte for byte
    /// (same lengths, so the cross-reference offsets stay true), by values derived from the document.
    /// </summary>
    private static byte[] Deterministic(byte[] pdf, string id)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var tags = SubsetTag().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
        for (var i = 0; i < tags.Count; i++)
        {
            text = text.Replace(tags[i] + "+", "CRM" + (char)('A' + (i / 26 % 26)) + (char)('A' + (i / 676 % 26)) + (char)('A' + (i % 26)) + "+",
                StringComparison.Ordinal);
        }

        var n = 0;
        text = XmpUuid().Replace(text, _ => $"uuid:{id[..8]}-{id[8..12]}-{id[12..16]}-{id[16..20]}-{id[20..28]}{n++:x4}");
        return Encoding.Latin1.GetBytes(text);
    }

    [GeneratedRegex(@"/(?:FontName|BaseFont)\s*/([A-Z]{6})\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex XmpUuid();

    private void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(Width);
        page.Height = XUnit.FromPoint(Height);
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    /// <summary>Writes text wrapped to the column; a leading label of <paramref name="boldChars"/> characters is set in bold.</summary>
    private void Write(string text, XFont font, double indent, double after, int boldChars = 0)
    {
        var lineHeight = font.Size * 1.35;
        var width = Width - (2 * Margin) - indent;
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var first = true;
            foreach (var line in Wrap(paragraph, font, width))
            {
                if (y + lineHeight > Bottom)
                {
                    NewPage();
                }

                var x = Margin + indent + (first ? 0 : indent > 0 ? 10 : 0);
                if (first && boldChars > 0 && line.Length >= boldChars)
                {
                    var label = line[..boldChars];
                    graphics!.DrawString(label, bold, XBrushes.Black, new XPoint(x, y + font.Size));
                    x += graphics.MeasureString(label, bold).Width;
                    graphics.DrawString(line[boldChars..], font, XBrushes.Black, new XPoint(x, y + font.Size));
                }
                else
                {
                    graphics!.DrawString(line, font, XBrushes.Black, new XPoint(x, y + font.Size));
                }

                y += lineHeight;
                first = false;
            }
        }

        y += after;
    }

    private IEnumerable<string> Wrap(string paragraph, XFont font, double width)
    {
        var line = new StringBuilder();
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && graphics!.MeasureString(candidate, font).Width > width)
            {
                yield return line.ToString();
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }

            // A word longer than the line (a URL, an IBAN) is cut where it must be.
            while (graphics!.MeasureString(line.ToString(), font).Width > width && line.Length > 1)
            {
                var cut = line.Length - 1;
                while (cut > 1 && graphics.MeasureString(line.ToString(0, cut), font).Width > width)
                {
                    cut--;
                }

                yield return line.ToString(0, cut);
                line.Remove(0, cut);
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}

/// <summary>The one font of the contract PDFs, from this assembly (no system font is needed); bold is simulated from it.</summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Face = "DejaVuSans";
    private static readonly Lock Gate = new();
    private static readonly Lazy<byte[]> Regular = new(() =>
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("InfluenceCrm.Contracts.Pdf.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The embedded font DejaVuSans.ttf is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>PDFsharp's resolver is process-wide: installed once, by the first PDF.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Face, bold, italic);

    public byte[]? GetFont(string faceName) => Regular.Value;
}
