using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Sources.Common;

/// <summary>Rewrites a raw JSON page so that the named personal fields, wherever they occur, hold keyed hashes
/// instead of clear values. Raw pages are archived for lineage only after this.</summary>
public sealed class PersonalDataRedactor(PersonalDataHasher hasher, IReadOnlySet<string> personalFields)
{
    public byte[] Redact(byte[] rawJson)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(rawJson); }
        catch (JsonException) { return "{\"redacted\":\"unparseable page withheld: it may hold personal data\"}"u8.ToArray(); }
        Walk(root);
        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    private void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (personalFields.Contains(name) && value is JsonValue v)
                        obj[name] = v.GetValueKind() == JsonValueKind.Null ? null : hasher.Hash(v.ToString());
                    else Walk(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Walk(item);
                break;
        }
    }
}
