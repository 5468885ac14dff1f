using System.Buffers;
using System.Text;

namespace Hub.Sources.Common;

/// <summary>Rewrites a raw JSON page so that the named personal fields, wherever they occur, hold keyed hashes
/// instead of clear values. Raw pages are archived for lineage only after this. One streaming pass (reader to
/// writer), no document tree: every synced page goes through here.</summary>
public sealed class PersonalDataRedactor(PersonalDataHasher hasher, IReadOnlySet<string> personalFields)
{
    private static readonly byte[] Withheld = "{\"redacted\":\"unparseable page withheld: it may hold personal data\"}"u8.ToArray();

    public byte[] Redact(byte[] rawJson)
    {
        var output = new ArrayBufferWriter<byte>(rawJson.Length + 256);
        try
        {
            var reader = new Utf8JsonReader(rawJson, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            using var writer = new Utf8JsonWriter(output);
            var personal = false; // the value being read belongs to a personal field
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        writer.WritePropertyName(name);
                        personal = personalFields.Contains(name);
                        continue;
                    case JsonTokenType.String:
                        writer.WriteStringValue(personal ? hasher.Hash(reader.GetString()!) : reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        if (personal) writer.WriteStringValue(hasher.Hash(Encoding.UTF8.GetString(reader.ValueSpan)));
                        else writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        if (personal) writer.WriteStringValue(hasher.Hash(reader.GetBoolean() ? "true" : "false"));
                        else writer.WriteBooleanValue(reader.GetBoolean());
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                    // A personal field holding an object or an array is walked like any other: its fields are judged by name.
                    case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                    case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                    case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                    case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                }
                personal = false;
            }
            writer.Flush();
            return reader.BytesConsumed == 0 ? Withheld : output.WrittenSpan.ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Withheld;
        }
    }
}
