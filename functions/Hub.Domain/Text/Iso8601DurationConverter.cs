using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Hub.Domain.Text;

/// <summary>A TimeSpan as an ISO 8601 duration ("P62DT4H12M5S"), as JSON readers outside .NET expect it, instead of
/// .NET's "62.04:12:05" that only TimeSpan.Parse reads. XmlConvert implements the xs:duration form of ISO 8601.</summary>
public sealed class Iso8601DurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        XmlConvert.ToTimeSpan(reader.GetString() ?? throw new JsonException("A duration must be an ISO 8601 string."));

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>The duration as text, where it is not written through a serializer (health's anonymous body).</summary>
    public static string Format(TimeSpan value) => XmlConvert.ToString(value);
}
