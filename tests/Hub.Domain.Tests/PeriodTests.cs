using Hub.Domain.Periods;

namespace Hub.Domain.Tests;

public class PeriodTests
{
    [Theory]
    [InlineData("2026-Q3", 2026, 3)]
    [InlineData(" 2025-Q1 ", 2025, 1)]
    public void Parses_quarters(string text, int year, int quarter) => Assert.Equal(new Period(year, quarter), Period.Parse(text));

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("2026-Q5", "not valid")]
    [InlineData("2026Q3", "not valid")]
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
        var q3 = new Period(2026, 3);
        Assert.Equal(DateTimeOffset.Parse("2026-07-01T00:00:00+07:00"), q3.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T00:00:00+07:00"), q3.End);
        Assert.Equal(DateTimeOffset.Parse("2026-06-30T17:00:00Z"), q3.Start); // same instant in UTC
        Assert.Equal(new Period(2027, 1), new Period(2026, 4).Next);
        Assert.Equal(new Period(2025, 4), new Period(2026, 1).Previous);
    }

    [Fact]
    public void Boundary_instants_at_local_midnight()
    {
        var q3 = new Period(2026, 3);
        Assert.True(q3.Contains(DateTimeOffset.Parse("2026-07-01T00:00:00+07:00")));
        Assert.False(q3.Contains(DateTimeOffset.Parse("2026-06-30T23:59:59+07:00")));
        Assert.True(q3.Contains(DateTimeOffset.Parse("2026-09-30T16:59:59Z")));   // 23:59:59 local
        Assert.False(q3.Contains(DateTimeOffset.Parse("2026-09-30T17:00:00Z")));  // 00:00 local on 1 October
    }

    [Fact]
    public void Last_closed_quarter_is_judged_in_Vietnam_time()
    {
        // 30 Sep 2026 18:00 UTC is already 1 Oct 01:00 in Vietnam: Q3 has closed.
        Assert.Equal(new Period(2026, 3), Period.LastClosedAt(DateTimeOffset.Parse("2026-09-30T18:00:00Z")));
        Assert.Equal(new Period(2026, 2), Period.LastClosedAt(DateTimeOffset.Parse("2026-09-30T16:00:00Z")));
    }
}
