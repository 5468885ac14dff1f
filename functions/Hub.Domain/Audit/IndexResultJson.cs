using System.Text.Json;
using Hub.Domain.Scoring;

namespace Hub.Domain.Audit;

/// <summary>Writes an index result in the audit output format (docs/methodology-766-2022.md): numbers unrounded,
/// null where not applicable, units by code. The same bytes for the same result, every time.</summary>
public static class IndexResultJson
{
    public static void Write(Stream output, IndexResult result, bool explain = false)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("period", result.Period);
        w.WriteString("methodology", result.Methodology);
        if (result.Notes is { Count: > 0 } notes)
        {
            w.WriteStartArray("notes");
            foreach (var note in notes) w.WriteStringValue(note);
            w.WriteEndArray();
        }
        w.WriteStartArray("units");
        foreach (var u in result.Units)
        {
            w.WriteStartObject();
            w.WriteString("code", u.Code);
            w.WriteString("name", u.Name);
            if (u.ParentCode is null) w.WriteNull("parentCode"); else w.WriteString("parentCode", u.ParentCode);
            Number(w, "total", u.Total);
            if (u.Band is null) w.WriteNull("band"); else w.WriteString("band", u.Band);
            if (u.Rank is null) w.WriteNull("rank"); else w.WriteNumber("rank", u.Rank.Value);
            w.WriteStartArray("groups");
            foreach (var g in u.Groups)
            {
                w.WriteStartObject();
                w.WriteString("id", g.Id);
                Number(w, "score", g.Score);
                w.WriteNumber("max", g.Max);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("indicators");
            foreach (var i in u.Indicators)
            {
                w.WriteStartObject();
                w.WriteString("id", i.Id);
                if (i.Numerator is null) w.WriteNull("numerator"); else w.WriteNumber("numerator", i.Numerator.Value);
                if (i.Denominator is null) w.WriteNull("denominator"); else w.WriteNumber("denominator", i.Denominator.Value);
                Number(w, "points", i.Points);
                w.WriteNumber("max", i.Max);
                if (i.Source is not null) w.WriteString("source", i.Source);
                if (!i.InputsAvailable) w.WriteBoolean("inputsAvailable", false);
                if (i.Parts is not null)
                {
                    w.WriteStartArray("parts");
                    foreach (var p in i.Parts)
                    {
                        w.WriteStartObject();
                        w.WriteString("measure", p.Measure);
                        w.WriteNumber("numerator", p.Numerator);
                        w.WriteNumber("denominator", p.Denominator);
                        Number(w, "points", p.Points);
                        w.WriteNumber("max", p.Max);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                if (explain && i.Missed.Count > 0)
                {
                    w.WriteStartArray("missed");
                    foreach (var id in i.Missed) w.WriteStringValue(id);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    public static byte[] ToBytes(IndexResult result, bool explain = false)
    {
        using var ms = new MemoryStream();
        Write(ms, result, explain);
        return ms.ToArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteNumber(name, value.Value);
    }
}
