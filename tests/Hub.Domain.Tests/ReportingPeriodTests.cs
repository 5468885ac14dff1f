using System.Text.Json;

namespace Hub.Domain.Tests;

/// <summary>Reporting periods (kỳ báo cáo, Decree 09/2019/NĐ-CP art. 12): cut from the 15th of the month before to the
/// 14th of the last month, at Vietnam midnight.</summary>
public class ReportingPeriodTests
{
    private static DateTimeOffset Local(int y, int m, int d, int h = 0, int min = 0, int s = 0) => new(y, m, d, h, min, s, TimeSpan.FromHours(7));

    [Theory]
    [InlineData("2026-Q3-BC", 2026, 6, 15, 2026, 9, 15)]
    [InlineData("2026-Q1-BC", 2025, 12, 15, 2026, 3, 15)]
    [InlineData("2026-Q4-BC", 2026, 9, 15, 2026, 12, 15)]
    [InlineData("2026-08-BC", 2026, 7, 15, 2026, 8, 15)]
    [InlineData("2026-01-BC", 2025, 12, 15, 2026, 1, 15)]
    [InlineData("2026-H1-BC", 2025, 12, 15, 2026, 6, 15)]
    [InlineData("2026-BC", 2025, 12, 15, 2026, 12, 15)]
    public void Cut_offs_are_the_15th_at_Vietnam_midnight(string text, int sy, int sm, int sd, int ey, int em, int ed)
    {
        var p = Period.Parse(text);
        Assert.True(p.IsReporting);
        Assert.Equal(text, p.ToString());
        Assert.Equal(Local(sy, sm, sd), p.Start);
        Assert.Equal(Local(ey, em, ed), p.End);
        // The 14th's last second is in it, the 15th's first is not; and 00:00 +07:00 is 17:00 UTC the day before.
        Assert.True(p.Contains(Local(ey, em, ed).AddSeconds(-1)));
        Assert.False(p.Contains(Local(ey, em, ed)));
        Assert.True(p.Contains(Local(sy, sm, sd)));
        Assert.False(p.Contains(Local(sy, sm, sd).AddTicks(-1)));
        Assert.Equal(17, p.End.UtcDateTime.Hour);
        Assert.Equal(p, JsonSerializer.Deserialize<Period>(JsonSerializer.Serialize(p)));
    }

    [Fact]
    public void A_reporting_period_is_not_its_calendar_namesake()
    {
        var q3 = Period.OfQuarter(2026, 3);
        Assert.NotEqual(q3, q3.AsReporting());
        Assert.Equal(q3, q3.AsReporting().AsCalendar());
        Assert.Equal("2026-Q3-BC", q3.AsReporting().ToString());
        Assert.Equal("reporting-quarter", q3.AsReporting().KindName);
        Assert.Throws<DomainException>(() => Period.ReportingHalfYear(2026).AsCalendar());
    }

    [Theory]
    [InlineData("2026-H1", "half-year is a reporting period only")]
    [InlineData("2026-H2-BC", "not valid")]
    [InlineData("2026-Q3-bc", "not valid")]
    [InlineData("2026-Q3BC", "not valid")]
    [InlineData("BC-2026-Q3", "not valid")]
    public void Rejects_what_is_not_a_reporting_period(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<DomainException>(() => Period.Parse(text)).Message);

    [Fact]
    public void Next_and_previous_stay_reporting_periods()
    {
        Assert.Equal("2027-Q1-BC", Period.Parse("2026-Q4-BC").Next.ToString());
        Assert.Equal("2025-12-BC", Period.Parse("2026-01-BC").Previous.ToString());
        Assert.Equal("2025-H1-BC", Period.Parse("2026-H1-BC").Previous.ToString());
        Assert.Equal("2027-BC", Period.Parse("2026-BC").Next.ToString());
        // Consecutive reporting periods tile time: each starts where the previous ended.
        var p = Period.Parse("2025-01-BC");
        for (var i = 0; i < 30; i++, p = p.Next) Assert.Equal(p.End, p.Next.Start);
    }

    [Theory]
    // The quarter closes at the start of the 15th of its last month.
    [InlineData(2026, 9, 14, 23, 59, 59, "Quarter", "2026-Q2-BC")]
    [InlineData(2026, 9, 15, 0, 0, 0, "Quarter", "2026-Q3-BC")]
    [InlineData(2026, 12, 2, 12, 0, 0, "Quarter", "2026-Q3-BC")]
    [InlineData(2026, 12, 2, 12, 0, 0, "Month", "2026-11-BC")]
    [InlineData(2026, 12, 15, 0, 0, 0, "Month", "2026-12-BC")]
    [InlineData(2026, 12, 2, 12, 0, 0, "HalfYear", "2026-H1-BC")]
    [InlineData(2026, 6, 14, 23, 59, 59, "HalfYear", "2025-H1-BC")]
    [InlineData(2026, 6, 15, 0, 0, 0, "HalfYear", "2026-H1-BC")]
    [InlineData(2026, 12, 14, 23, 59, 59, "Year", "2025-BC")]
    [InlineData(2026, 12, 15, 0, 0, 0, "Year", "2026-BC")]
    public void The_last_closed_reporting_period_turns_at_Vietnam_midnight_on_the_15th(int y, int m, int d, int h, int min, int s, string kind, string expected)
    {
        var closed = Period.LastClosedReportingAt(Local(y, m, d, h, min, s), Enum.Parse<PeriodKind>(kind));
        Assert.Equal(expected, closed.ToString());
        Assert.True(closed.HasEndedAt(Local(y, m, d, h, min, s)));
    }

    [Fact]
    public void Calendar_periods_are_unchanged()
    {
        Assert.Equal(Local(2026, 7, 1), Period.Parse("2026-Q3").Start);
        Assert.Equal(Local(2026, 10, 1), Period.Parse("2026-Q3").End);
        Assert.Equal("2027-01", Period.Parse("2026-12").Next.ToString());
        Assert.Equal("2025-Q4", Period.Parse("2026-Q1").Previous.ToString());
        Assert.False(Period.Parse("2026").IsReporting);
        Assert.Throws<DomainException>(() => Period.LastClosedAt(DateTimeOffset.UtcNow, PeriodKind.HalfYear));
    }
}
