using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Hub.Domain.Periods;

/// <summary>How long a period is: the national portal publishes its index by month, quarter and year; the legal
/// reporting calendar also has the half-year (H1 only: "báo cáo 6 tháng"). Ordered by length.</summary>
public enum PeriodKind { Month, Quarter, HalfYear, Year }

/// <summary>A scoring period in Vietnam time, as the portal has them: a month (<c>2026-08</c>), a quarter (<c>2026-Q3</c>)
/// or a year (<c>2026</c>; year to date while it runs). Or a reporting period (kỳ báo cáo, Decree 09/2019/NĐ-CP art. 12),
/// written with <c>-BC</c>: the figures a unit reports are cut from the 15th of the month before to the 14th of the
/// period's last month — month <c>2026-08-BC</c> 15 Jul–14 Aug, quarter <c>2026-Q3-BC</c> 15 Jun–14 Sep, half-year
/// <c>2026-H1-BC</c> 15 Dec 2025–14 Jun, year <c>2026-BC</c> 15 Dec 2025–14 Dec 2026. Covers [start, end) where both
/// bounds are local midnights (+07:00). <see cref="Number"/> is the month (1-12), the quarter (1-4) or the half (1); 0
/// for a year.</summary>
[JsonConverter(typeof(PeriodJsonConverter))]
public readonly partial record struct Period : IComparable<Period>
{
    private Period(PeriodKind kind, int year, int number, bool reporting = false)
    {
        Kind = kind;
        Year = year;
        Number = number;
        IsReporting = reporting;
    }

    public PeriodKind Kind { get; }
    public int Year { get; }
    public int Number { get; }

    /// <summary>A reporting period (15th to 14th), not a calendar one.</summary>
    public bool IsReporting { get; }

    /// <summary>The reporting period of the same kind and number (2026-Q3 → 2026-Q3-BC).</summary>
    public Period AsReporting() => new(Kind, Year, Number, reporting: true);

    /// <summary>The calendar period of the same kind and number (2026-Q3-BC → 2026-Q3); a half-year has none.</summary>
    public Period AsCalendar() => Kind == PeriodKind.HalfYear
        ? throw new DomainException("A half-year is a reporting period only.")
        : new(Kind, Year, Number);

    public static Period ReportingHalfYear(int year) => new(PeriodKind.HalfYear, year, 1, reporting: true);

    public static Period OfMonth(int year, int month) =>
        month is >= 1 and <= 12 ? new(PeriodKind.Month, year, month) : throw new DomainException($"Month {month} is not 1-12.");

    public static Period OfQuarter(int year, int quarter) =>
        quarter is >= 1 and <= 4 ? new(PeriodKind.Quarter, year, quarter) : throw new DomainException($"Quarter {quarter} is not 1-4.");

    public static Period OfYear(int year) => new(PeriodKind.Year, year, 0);

    /// <summary>First calendar month of the period (1-12).</summary>
    private int FirstMonth => Kind switch { PeriodKind.Month => Number, PeriodKind.Quarter => (Number - 1) * 3 + 1, _ => 1 };

    private int Months => Kind switch { PeriodKind.Month => 1, PeriodKind.Quarter => 3, PeriodKind.HalfYear => 6, _ => 12 };

    /// <summary>The reporting calendar's day of the month: a reporting period runs from this day of the month before
    /// its first month to the day before it in its last month.</summary>
    public const int ReportingCutDay = 15;

    /// <summary>The calendar period's first day; a reporting period's is the 15th of the month before.</summary>
    private DateOnly FirstDay => IsReporting
        ? new DateOnly(Year, FirstMonth, ReportingCutDay).AddMonths(-1)
        : new DateOnly(Year, FirstMonth, 1);

    public DateTimeOffset Start => VietnamTime.StartOfDay(FirstDay);

    public DateTimeOffset End => VietnamTime.StartOfDay(FirstDay.AddMonths(Months));

    /// <summary>The same period a year earlier (2026-Q3 → 2025-Q3, 2026-Q3-BC → 2025-Q3-BC): the baseline of a yearly growth target.</summary>
    public Period YearEarlier => new(Kind, Year - 1, Number, IsReporting);

    public Period Next => Shift(+1);

    public Period Previous => Shift(-1);

    private Period Shift(int step)
    {
        var count = Kind switch { PeriodKind.Month => 12, PeriodKind.Quarter => 4, _ => 1 };
        if (Kind is PeriodKind.HalfYear or PeriodKind.Year) return new(Kind, Year + step, Number, IsReporting);
        var index = Year * count + (Number - 1) + step;
        return new(Kind, index / count, index % count + 1, IsReporting);
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Whether the period has closed at the instant (its end has passed, Vietnam time).</summary>
    public bool HasEndedAt(DateTimeOffset instant) => instant >= End;

    public const string ReportingSuffix = "-BC";

    public override string ToString() => (Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-H{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    }) + (IsReporting ? ReportingSuffix : "");

    /// <summary>The portal's name of the kind (<c>timeType</c> in its API): month, quarter, year. The portal has no
    /// reporting periods: theirs is "reporting-" + the kind, which no portal request carries.</summary>
    public string KindName => (IsReporting ? "reporting-" : "") + Kind switch
    {
        PeriodKind.Month => "month", PeriodKind.Quarter => "quarter", PeriodKind.HalfYear => "half-year", _ => "year",
    };

    /// <summary>Orders by start, and a longer period before a shorter one starting the same day (2026, 2026-Q1, 2026-01).</summary>
    public int CompareTo(Period other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : other.Kind.CompareTo(Kind);
    }

    /// <summary>The period of the given kind containing the instant, judged in Vietnam time.</summary>
    public static Period Containing(DateTimeOffset instant, PeriodKind kind = PeriodKind.Quarter)
    {
        var local = VietnamTime.ToLocal(instant);
        return kind switch
        {
            PeriodKind.Month => OfMonth(local.Year, local.Month),
            PeriodKind.Quarter => OfQuarter(local.Year, (local.Month - 1) / 3 + 1),
            PeriodKind.Year => OfYear(local.Year),
            _ => throw new DomainException("A half-year is a reporting period only: use ContainingReporting."),
        };
    }

    /// <summary>The last period of the given kind that has fully closed at the instant.</summary>
    public static Period LastClosedAt(DateTimeOffset instant, PeriodKind kind = PeriodKind.Quarter) =>
        kind == PeriodKind.HalfYear ? throw new DomainException("A half-year is a reporting period only.") : Containing(instant, kind).Previous;

    /// <summary>The reporting period of the given kind containing the instant (Vietnam time): from the 15th on, a day
    /// belongs to the next month's reporting period. A half-year contains only 15 December to 14 June; after that the
    /// next one (which starts in December) is returned.</summary>
    public static Period ContainingReporting(DateTimeOffset instant, PeriodKind kind)
    {
        var day = VietnamTime.LocalDate(instant);
        var month = day.Day >= ReportingCutDay ? new DateOnly(day.Year, day.Month, 1).AddMonths(1) : new DateOnly(day.Year, day.Month, 1);
        return kind switch
        {
            PeriodKind.Month => new(PeriodKind.Month, month.Year, month.Month, reporting: true),
            PeriodKind.Quarter => new(PeriodKind.Quarter, month.Year, (month.Month - 1) / 3 + 1, reporting: true),
            PeriodKind.HalfYear => ReportingHalfYear(month.Month <= 6 ? month.Year : month.Year + 1),
            _ => new(PeriodKind.Year, month.Year, 0, reporting: true),
        };
    }

    /// <summary>The last reporting period of the given kind that has closed at the instant.</summary>
    public static Period LastClosedReportingAt(DateTimeOffset instant, PeriodKind kind)
    {
        var candidate = ContainingReporting(instant, kind).Previous;
        // A half-year's "containing" may be the one that has not begun (June to December): its previous is then the
        // one that closed this June, which is right; any other kind's previous has always closed.
        return candidate.HasEndedAt(instant) ? candidate : candidate.Previous;
    }

    public static Period Parse(string? text)
    {
        if (TryParse(text, out var period, out var error)) return period;
        throw new DomainException(error);
    }

    private const string Forms = "YYYY-MM for a month (2026-08), YYYY-QN for a quarter (2026-Q3) or YYYY for a year (2026), " +
        "each with -BC for the reporting period (2026-Q3-BC: 15 June to 14 September), or YYYY-H1-BC for the half-year report";

    public static bool TryParse(string? text, out Period period, out string error)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"Period is required, written as {Forms}.";
            return false;
        }
        // ASCII digits only ([0-9], not \d): full-width or other scripts' digits are refused, not half-parsed.
        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            error = $"Period '{Printable(text)}' is not valid: write it as {Forms}.";
            return false;
        }
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 2000 || year > 2100)
        {
            error = $"Period '{text.Trim()}' is out of range: the year must be between 2000 and 2100.";
            return false;
        }
        var reporting = match.Groups["reporting"].Success;
        if (match.Groups["half"].Success && !reporting)
        {
            error = $"Period '{Printable(text)}' is not valid: a half-year is a reporting period only; write it as {year:D4}-H1-BC.";
            return false;
        }
        if (match.Groups["quarter"].Success) period = OfQuarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture));
        else if (match.Groups["month"].Success) period = OfMonth(year, int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture));
        else if (match.Groups["half"].Success) period = ReportingHalfYear(year);
        else period = OfYear(year);
        if (reporting) period = period.AsReporting();
        error = "";
        return true;
    }

    /// <summary>The input as an error message may echo it: control characters and anything past 40 characters dropped.</summary>
    private static string Printable(string text)
    {
        var clean = new string(text.Where(c => !char.IsControl(c)).Take(40).ToArray());
        return text.Length > 40 ? clean + "…" : clean;
    }

    [GeneratedRegex(@"^(?<year>[0-9]{4})(?:-Q(?<quarter>[1-4])|-(?<month>0[1-9]|1[0-2])|-H(?<half>1))?(?<reporting>-BC)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}

/// <summary>A period travels in JSON as its text form (2026-08, 2026-Q3, 2026).</summary>
public sealed class PeriodJsonConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A period must be a string such as 2026-Q3.");
        return Period.TryParse(reader.GetString(), out var period, out var error) ? period : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
