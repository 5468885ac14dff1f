using System.Globalization;
using Hub.Domain.Periods;

namespace Hub.Reports.Readable;

/// <summary>How the reports say periods, numbers and times in Vietnamese.</summary>
public static class Vietnamese
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    public static string Period(string text)
    {
        if (!Domain.Periods.Period.TryParse(text, out var p, out _)) return text;
        return p.Kind switch
        {
            PeriodKind.Month => $"Tháng {p.Number:D2}/{p.Year}",
            PeriodKind.Quarter => $"Quý {new[] { "I", "II", "III", "IV" }[p.Number - 1]}/{p.Year}",
            _ => $"Năm {p.Year}",
        };
    }

    /// <summary>Two decimals with the Vietnamese decimal comma; a dash for "no data".</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("0.00", Culture) : "–";

    public static string Count(long? value) => value is { } v ? v.ToString("#,0", Culture) : "–";

    /// <summary>A time in Vietnam (+07:00), as the record holds it.</summary>
    public static string Time(DateTimeOffset at) => Domain.Periods.VietnamTime.ToLocal(at).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture) + " (giờ Việt Nam)";
}
