using System.Globalization;
using Hub.Domain.Periods;

namespace Hub.Sources.Common;

/// <summary>The portal writes times as yyyyMMddHHmmss, Vietnam wall-clock time, without an offset.</summary>
public static class PortalTime
{
    public const string Format = "yyyyMMddHHmmss";

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length != Format.Length) return false;
        if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        value = new DateTimeOffset(local, VietnamTime.Offset);
        return true;
    }

    public static string Write(DateTimeOffset instant) => VietnamTime.ToLocal(instant).ToString(Format, CultureInfo.InvariantCulture);
}
