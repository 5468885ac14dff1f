using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Hub.Domain.Periods;

/// <summary>How long a period is: the national portal publishes its index by month, quarter and year.</summary>
public enum PeriodKind { Month, Quarter, Year }

/// <summary>A scoring period in Vietnam time, as the portal has them: a month (<c>2026-08</c>), a quarter (<c>2026-Q3</c>)
/// or a year (<c>2026</c>; year to date while it runs). Covers [start, end) where both bounds are local midnights (+07:00).
/// <see cref="Number"/> is the month (1-12) or the quarter (1-4); 0 for a year.</summary>
[JsonConverter(typeof(PeriodJsonConverter))]
public readonly partial record struct Period : IComparable<Period>
{
    private Period(PeriodKind kind, int year, int number)
    {
        Kind = kind;
        Year = year;
        Number = number;
    }

    public PeriodKind Kind { get; }
    public int Year { get; }
    public int Number { get; }

    public static Period OfMonth(int year, int month) =>
        month is >= 1 and <= 12 ? new(PeriodKind.Month, year, month) : throw new DomainException($"Month {month} is not 1-12.");

    public static Period OfQuarter(int year, int quarter) =>
        quarter is >= 1 and <= 4 ? new(PeriodKind.Quarter, year, quarter) : throw new DomainException($"Quarter {quarter} is not 1-4.");

    public static Period OfYear(int year) => new(PeriodKind.Year, year, 0);

    /// <summary>First calendar month of the period (1-12).</summary>
    private int FirstMonth => Kind switch { PeriodKind.Month => Number, PeriodKind.Quarter => (Number - 1) * 3 + 1, _ => 1 };

    private int Months => Kind switch { PeriodKind.Month => 1, PeriodKind.Quarter => 3, _ => 12 };

    public DateTimeOffset Start => VietnamTime.StartOfDay(new DateOnly(Year, FirstMonth, 1));

    public DateTimeOffset End => VietnamTime.StartOfDay(new DateOnly(Year, FirstMonth, 1).AddMonths(Months));

    public Period Next => Kind switch
    {
        PeriodKind.Month => Number == 12 ? OfMonth(Year + 1, 1) : OfMonth(Year, Number + 1),
        PeriodKind.Quarter => Number == 4 ? OfQuarter(Year + 1, 1) : OfQuarter(Year, Number + 1),
        _ => OfYear(Year + 1),
    };

    public Period Previous => Kind switch
    {
        PeriodKind.Month => Number == 1 ? OfMonth(Year - 1, 12) : OfMonth(Year, Number - 1),
        PeriodKind.Quarter => Number == 1 ? OfQuarter(Year - 1, 4) : OfQuarter(Year, Number - 1),
        _ => OfYear(Year - 1),
    };

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Whether the period has closed at the instant (its end has passed, Vietnam time).</summary>
    public bool HasEndedAt(DateTimeOffset instant) => instant >= End;

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>The portal's name of the kind (<c>timeType</c> in its API): month, quarter, year.</summary>
    public string KindName => Kind switch { PeriodKind.Month => "month", PeriodKind.Quarter => "quarter", _ => "year" };

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
            _ => OfYear(local.Year),
        };
    }

    /// <summary>The last period of the given kind that has fully closed at the instant.</summary>
    public static Period LastClosedAt(DateTimeOffset instant, PeriodKind kind = PeriodKind.Quarter) => Containing(instant, kind).Previous;

    public static Period Parse(string? text)
    {
        if (TryParse(text, out var period, out var error)) return period;
        throw new DomainException(error);
    }

    private const string Forms = "YYYY-MM for a month (2026-08), YYYY-QN for a quarter (2026-Q3) or YYYY for a year (2026)";

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
        if (match.Groups["quarter"].Success) period = OfQuarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture));
        else if (match.Groups["month"].Success) period = OfMonth(year, int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture));
        else period = OfYear(year);
        error = "";
        return true;
    }

    /// <summary>The input as an error message may echo it: control characters and anything past 40 characters dropped.</summary>
    private static string Printable(string text)
    {
        var clean = new string(text.Where(c => !char.IsControl(c)).Take(40).ToArray());
        return text.Length > 40 ? clean + "…" : clean;
    }

    [GeneratedRegex(@"^(?<year>[0-9]{4})(?:-Q(?<quarter>[1-4])|-(?<month>0[1-9]|1[0-2]))?$", RegexOptions.CultureInvariant)]
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
