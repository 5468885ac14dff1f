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
        var name = p.Kind switch
        {
            PeriodKind.Month => $"Tháng {p.Number:D2}/{p.Year}",
            PeriodKind.Quarter => $"Quý {new[] { "I", "II", "III", "IV" }[p.Number - 1]}/{p.Year}",
            PeriodKind.HalfYear => $"6 tháng đầu năm {p.Year}",
            _ => $"Năm {p.Year}",
        };
        // A reporting period says its cut-off days (Decree 09/2019/NĐ-CP), so that nobody reads it as the calendar one.
        return p.IsReporting ? $"Kỳ báo cáo {Lower(name)} ({Day(p.Start)} – {Day(p.End.AddDays(-1))})" : name;
    }

    private static string Lower(string s) => char.ToLower(s[0], Culture) + s[1..];

    private static string Day(DateTimeOffset instant) => Domain.Periods.VietnamTime.LocalDate(instant).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Two decimals with the Vietnamese decimal comma; a dash for "no data".</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("0.00", Culture) : "–";

    public static string Count(long? value) => value is { } v ? v.ToString("#,0", Culture) : "–";

    /// <summary>A time in Vietnam (+07:00), as the record holds it.</summary>
    public static string Time(DateTimeOffset at) => Domain.Periods.VietnamTime.ToLocal(at).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture) + " (giờ Việt Nam)";
}
