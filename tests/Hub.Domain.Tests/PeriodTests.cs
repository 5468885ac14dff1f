namespace Hub.Domain.Tests;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-Q3", 2026, 3)]
    [InlineData(" 2025-Q1 ", 2025, 1)]
    public void Parses_quarters(string text, int year, int quarter) => Assert.Equal(Period.OfQuarter(year, quarter), Period.Parse(text));

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("2026-Q5", "not valid")]
    [InlineData("2026Q3", "not valid")]
    [InlineData("2026-13", "not valid")]
    [InlineData("2026-8", "not valid")]
    [InlineData("２０２６-Q3", "not valid")]   // full-width digits
    [InlineData("٢٠٢٦-Q3", "not valid")]     // Arabic-Indic digits
    [InlineData("2026-q3", "not valid")]
    [InlineData("1999-Q1", "out of range")]
    public void Rejects_bad_periods_with_a_clear_message(string? text, string expected)
    {
        var e = Assert.Throws<DomainException>(() => Period.Parse(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Quarter_bounds_are_local_midnights()
    {
        var q3 = Period.OfQuarter(2026, 3);
        Assert.Equal(DateTimeOffset.Parse("2026-07-01T00:00:00+07:00"), q3.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T00:00:00+07:00"), q3.End);
        Assert.Equal(DateTimeOffset.Parse("2026-06-30T17:00:00Z"), q3.Start); // same instant in UTC
        Assert.Equal(Period.OfQuarter(2027, 1), Period.OfQuarter(2026, 4).Next);
        Assert.Equal(Period.OfQuarter(2025, 4), Period.OfQuarter(2026, 1).Previous);
    }

    [Fact]
    public void Boundary_instants_at_local_midnight()
    {
        var q3 = Period.OfQuarter(2026, 3);
        Assert.True(q3.Contains(DateTimeOffset.Parse("2026-07-01T00:00:00+07:00")));
        Assert.False(q3.Contains(DateTimeOffset.Parse("2026-06-30T23:59:59+07:00")));
        Assert.True(q3.Contains(DateTimeOffset.Parse("2026-09-30T16:59:59Z")));   // 23:59:59 local
        Assert.False(q3.Contains(DateTimeOffset.Parse("2026-09-30T17:00:00Z")));  // 00:00 local on 1 October
    }

    [Fact]
    public void Last_closed_quarter_is_judged_in_Vietnam_time()
    {
        // 30 Sep 2026 18:00 UTC is already 1 Oct 01:00 in Vietnam: Q3 has closed.
        Assert.Equal(Period.OfQuarter(2026, 3), Period.LastClosedAt(DateTimeOffset.Parse("2026-09-30T18:00:00Z")));
        Assert.Equal(Period.OfQuarter(2026, 2), Period.LastClosedAt(DateTimeOffset.Parse("2026-09-30T16:00:00Z")));
    }

    [Theory]
    [InlineData("2026-08", "2026-08-01T00:00:00+07:00", "2026-09-01T00:00:00+07:00", "2026-09", "2026-07")]
    [InlineData("2026-12", "2026-12-01T00:00:00+07:00", "2027-01-01T00:00:00+07:00", "2027-01", "2026-11")]
    [InlineData("2026", "2026-01-01T00:00:00+07:00", "2027-01-01T00:00:00+07:00", "2027", "2025")]
    [InlineData("2026-Q3", "2026-07-01T00:00:00+07:00", "2026-10-01T00:00:00+07:00", "2026-Q4", "2026-Q2")]
    public void Months_quarters_and_years_as_the_portal_has_them(string text, string start, string end, string next, string previous)
    {
        var p = Period.Parse(text);
        Assert.Equal(text, p.ToString());
        Assert.Equal(DateTimeOffset.Parse(start), p.Start);
        Assert.Equal(DateTimeOffset.Parse(end), p.End);
        Assert.Equal(next, p.Next.ToString());
        Assert.Equal(previous, p.Previous.ToString());
        Assert.Equal(p, System.Text.Json.JsonSerializer.Deserialize<Period>(System.Text.Json.JsonSerializer.Serialize(p)));
    }

    [Fact]
    public void Last_closed_month_and_year_in_Vietnam_time()
    {
        var instant = DateTimeOffset.Parse("2026-08-31T17:30:00Z"); // 1 Sep 00:30 in Vietnam
        Assert.Equal("2026-08", Period.LastClosedAt(instant, PeriodKind.Month).ToString());
        Assert.Equal("2025", Period.LastClosedAt(instant, PeriodKind.Year).ToString());
        Assert.Equal("2026-09", Period.Containing(instant, PeriodKind.Month).ToString());
        Assert.False(Period.Parse("2026").HasEndedAt(instant));
        Assert.True(Period.Parse("2026-08").HasEndedAt(instant));
    }
}
