namespace Hub.Domain.Text;

/// <summary>Free text that goes into immutable records (a re-publication's reason, an approval's comment, the name of
/// who did it) must read the same to everyone who reads it later: no control characters (NUL, ESC, CR, LF...) that
/// forge log lines or corrupt files, no bidirectional overrides or isolates that make text display other than it is.</summary>
public static class SafeText
{
    /// <summary>Null when the text is acceptable; otherwise what is wrong with it, naming the field and the character.</summary>
    public static string? Problem(string field, string? value)
    {
        if (value is null) return null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c)) return $"'{field}' contains a control character (U+{(int)c:X4}) at position {i + 1}.";
            if (IsBidiControl(c)) return $"'{field}' contains a bidirectional control character (U+{(int)c:X4}) at position {i + 1}.";
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])))
                return $"'{field}' contains an unpaired surrogate at position {i + 1}.";
        }
        return null;
    }

    /// <summary>U+061C ALM, U+200E/F LRM/RLM, U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates.</summary>
    public static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
