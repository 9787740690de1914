using System.Globalization;
using System.Text;
using CsvHelper;
using InfluenceCrm.Platform.Http;

namespace InfluenceCrm.Performance.Imports;

/// <summary>
/// An export file as people have it, read as a stream (never held whole): UTF-8 with or without BOM, or UTF-16 (Excel's
/// "Unicode text", with or without BOM); a first line <c>sep=,</c>; GA4's leading <c># Start date: 20260101</c> comment
/// lines; comma, semicolon or tab separated (said by <c>sep=</c>, else guessed from the header). A file that cannot be
/// read is a 400 naming the first problem.
/// </summary>
internal sealed class ExportFile : IDisposable
{
    private readonly TextReader text;
    private readonly CsvReader csv;
    private int row;

    public IReadOnlyList<string> Headers { get; }
    public char Separator { get; }
    public string Encoding { get; }
    /// <summary>Whether its numbers write decimals with a comma (semicolon-separated, or French or Spanish headers).</summary>
    public bool DecimalComma { get; }
    /// <summary>GA4's period, from its leading comment lines.</summary>
    public DateOnly? StartDate { get; }
    public DateOnly? EndDate { get; }
    /// <summary>The line the header is on (1-based), so a row's number is its line in the file.</summary>
    public int HeaderLine { get; }
    /// <summary>GA4 files hold several tables, each after "#" lines: the first one ends at the next. Elsewhere "#" is a hashtag.</summary>
    public bool CommentsEndTheTable { get; set; }

    private ExportFile(TextReader text, string encoding, string header, char separator, int headerLine, DateOnly? start, DateOnly? end)
    {
        this.text = text;
        Encoding = encoding;
        Separator = separator;
        HeaderLine = headerLine;
        StartDate = start;
        EndDate = end;
        using (var head = CsvReader.FromText(header, Options(separator)))
        {
            Headers = head.Read() ? Enumerable.Range(0, head.FieldCount).Select(i => head.GetString(i).Trim()).ToList() : [];
        }

        DecimalComma = separator == ';' || ExportFormats.LooksRomance(Headers);
        csv = CsvReader.Create(text, Options(separator), leaveOpen: true);
    }

    /// <summary>The longest row (header included) read, in bytes of UTF-8: a longer one is not an export but a mistake or an attack.</summary>
    public const int MaxRecordSize = 64 * 1024;

    private static CsvReaderOptions Options(char separator) => new()
    {
        HasHeader = false,
        Separator = separator,
        TrimWhitespace = true,
        SkipEmptyLines = true,
        AllowLineBreaksInQuotes = true,
        MaxRecordSize = MaxRecordSize,
    };

    public static async Task<ExportFile> OpenAsync(Stream stream, CancellationToken ct)
    {
        // The first bytes say the encoding; they are read, then given back in front of the rest.
        var head = new byte[512];
        var read = 0;
        for (int n; read < head.Length && (n = await stream.ReadAsync(head.AsMemory(read), ct)) > 0;)
        {
            read += n;
        }

        var (encoding, name, bom) = Sniff(head.AsSpan(0, read));
        // The byte order mark is skipped here: left to StreamReader, a UTF-8 one would swap our strict decoder for a lenient one.
        var reader = new StreamReader(new Rejoined(head[bom..read], read - bom, stream), encoding, detectEncodingFromByteOrderMarks: false,
            bufferSize: 64 * 1024);
        char? separator = null;
        DateOnly? start = null, end = null;
        var line = 0;
        try
        {
            while (true)
            {
                var next = await reader.ReadLineAsync(ct);
                line++;
                if (next is null)
                {
                    throw new BadRequestException("The file has no header row: it is empty, or holds only comment lines.");
                }

                var trimmed = next.Trim().TrimStart('\uFEFF');
                if (trimmed.Length == 0)
                {
                    continue;
                }

                if (trimmed.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && trimmed.Length >= 5)
                {
                    separator = trimmed[4] == '\\' && trimmed.Length > 5 && trimmed[5] == 't' ? '\t' : trimmed[4];
                    continue;
                }

                if (trimmed.StartsWith('#'))
                {
                    start ??= CommentDate(trimmed, "start date");
                    end ??= CommentDate(trimmed, "end date");
                    continue;
                }

                if (System.Text.Encoding.UTF8.GetByteCount(trimmed) > MaxRecordSize)
                {
                    throw new BadRequestException(
                        $"The header row (line {line}) is longer than {MaxRecordSize / 1024} KiB: this is not an export we can read.");
                }

                return new ExportFile(reader, name, trimmed, separator ?? Guess(trimmed), line, start, end);
            }
        }
        catch (DecoderFallbackException)
        {
            reader.Dispose();
            throw new BadRequestException($"Line {line} is not {name} text: save the export as UTF-8 (or UTF-16) CSV and send it again.");
        }
        catch (CsvFormatException e)
        {
            reader.Dispose();
            throw new BadRequestException($"The header row (line {line}) cannot be read as CSV: {e.Message}");
        }
        catch (BadRequestException)
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The next data row's cells and its line, or null at the end (or at a comment line ending GA4's first table).</summary>
    public async Task<(int Line, string[] Cells)?> ReadAsync(CancellationToken ct)
    {
        try
        {
            if (!await csv.ReadAsync(ct))
            {
                return null;
            }
        }
        catch (Exception e) when (e is DecoderFallbackException || e.InnerException is DecoderFallbackException)
        {
            throw new BadRequestException($"Row {row + 1} is not {Encoding} text: save the export as UTF-8 (or UTF-16) CSV and send it again.");
        }
        catch (CsvFormatException e)
        {
            throw new BadRequestException($"Row {row + 1} cannot be read as CSV: {e.Message}");
        }

        row++;
        var cells = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim()).ToArray();
        return CommentsEndTheTable && cells.Length > 0 && cells[0].StartsWith('#') ? null : (row, cells);
    }

    public void Dispose()
    {
        csv.Dispose();
        text.Dispose();
    }

    private static char Guess(string header)
    {
        var counts = new[] { ',', ';', '\t' }.Select(c => (Separator: c, Count: header.Count(h => h == c))).OrderByDescending(c => c.Count).First();
        return counts.Count > 0 ? counts.Separator : ',';
    }

    private static DateOnly? CommentDate(string line, string label)
    {
        var text = line.TrimStart('#').Trim();
        var colon = text.IndexOf(':');
        if (colon < 0 || !ExportFormats.Normalise(text[..colon]).Equals(label, StringComparison.Ordinal))
        {
            return null;
        }

        var value = text[(colon + 1)..].Trim();
        return DateOnly.TryParseExact(value, ["yyyyMMdd", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    /// <summary>UTF-16 by its byte order mark or by its zero bytes (Excel's "Unicode text"), else UTF-8 that refuses invalid bytes.</summary>
    private static (System.Text.Encoding Encoding, string Name, int Bom) Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xFF, 0xFE, ..] || (bytes.Length >= 4 && bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true), "UTF-16", bytes is [0xFF, 0xFE, ..] ? 2 : 0);
        }

        if (bytes is [0xFE, 0xFF, ..] || (bytes.Length >= 4 && bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true), "UTF-16", bytes is [0xFE, 0xFF, ..] ? 2 : 0);
        }

        return (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), "UTF-8", bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0);
    }

    /// <summary>The bytes read to sniff the encoding, then the rest of the stream: read-only, forward-only.</summary>
    private sealed class Rejoined(byte[] head, int length, Stream rest) : Stream
    {
        private int position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (position < length)
            {
                var n = Math.Min(buffer.Length, length - position);
                head.AsSpan(position, n).CopyTo(buffer);
                position += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position < length)
            {
                var n = Math.Min(buffer.Length, length - position);
                head.AsMemory(position, n).CopyTo(buffer);
                position += n;
                return n;
            }

            return await rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
