using System.Globalization;
using System.Text.RegularExpressions;

namespace Hub.Domain.Periods;

/// <summary>A scoring period: a calendar quarter in Vietnam time, written <c>2026-Q3</c>.
/// Covers [start, end) where both bounds are local midnights (+07:00).</summary>
public readonly partial record struct Period(int Year, int Quarter) : IComparable<Period>
{
    public DateTimeOffset Start => VietnamTime.StartOfDay(new DateOnly(Year, (Quarter - 1) * 3 + 1, 1));

    public DateTimeOffset End => Next.Start;

    public Period Next => Quarter == 4 ? new Period(Year + 1, 1) : new Period(Year, Quarter + 1);

    public Period Previous => Quarter == 1 ? new Period(Year - 1, 4) : new Period(Year, Quarter - 1);

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Quarter}");

    public int CompareTo(Period other) => (Year, Quarter).CompareTo((other.Year, other.Quarter));

    /// <summary>The quarter containing the instant, judged in Vietnam time.</summary>
    public static Period Containing(DateTimeOffset instant)
    {
        var local = VietnamTime.ToLocal(instant);
        return new Period(local.Year, (local.Month - 1) / 3 + 1);
    }

    /// <summary>The last quarter that has fully closed at the given instant.</summary>
    public static Period LastClosedAt(DateTimeOffset instant) => Containing(instant).Previous;

    public static Period Parse(string? text)
    {
        if (TryParse(text, out var period, out var error)) return period;
        throw new DomainException(error);
    }

    public static bool TryParse(string? text, out Period period, out string error)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Period is required, written as YYYY-QN (for example 2026-Q3).";
            return false;
        }
        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            error = $"Period '{text}' is not valid: write it as YYYY-QN with N from 1 to 4 (for example 2026-Q3).";
            return false;
        }
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (year < 2000 || year > 2100)
        {
            error = $"Period '{text}' is out of range: the year must be between 2000 and 2100.";
            return false;
        }
        period = new Period(year, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        error = "";
        return true;
    }

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
