using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfluenceCrm.Platform.Http;

/// <summary>
/// Every time the API writes is UTC in one fixed form, <c>2026-11-27T10:00:00.0000000Z</c>: clients compare and sort them
/// as text, and a generated client reads one format. Times read may carry any offset (converted to UTC at the boundary).
/// </summary>
public sealed class UtcTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Data.DapperTypeHandlers.TimestampFormat, CultureInfo.InvariantCulture)); // the form SQLite stores
}
