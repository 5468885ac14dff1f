namespace Hub.Storage;

/// <summary>Table keys cannot hold / \ # ? or control characters; source ids are escaped, reversibly.</summary>
public static class TableKeys
{
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("/\\#?%") < 0 && !value.Any(char.IsControl)) return value;
        var sb = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c)) sb.Append('%').Append(((int)c).ToString("X2"));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public static string Unescape(string key) => key.Contains('%') ? Uri.UnescapeDataString(key) : key;

    /// <summary>Row key that sorts newest first.</summary>
    public static string NewestFirst(DateTimeOffset instant) => (DateTimeOffset.MaxValue.UtcTicks - instant.UtcTicks).ToString("D19");
}
