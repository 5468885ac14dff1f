using Hub.Domain.Steering;

namespace Hub.Domain.Tests;

/// <summary>The watch lists' rules at their edges: Vietnam time, period boundaries, unfinished and returned dossiers.</summary>
public class WatchRuleTests
{
    private static readonly WatchOptions Options = new(DueSoonHours: 48, AcceptWithinHours: 24);

    private static WatchDossier D(string id = "D1", int status = 4, DateTimeOffset? submitted = null, DateTimeOffset? received = null,
        DateTimeOffset? due = null, DateTimeOffset? finished = null) =>
        new(id, "U", "P1", "Thủ tục một", Channel.Online, status, submitted, received ?? Build.Local(8, 1), due, finished);

    private static WatchKind[] Kinds(WatchDossier d, DateTimeOffset now, Period? period = null) =>
        WatchRules.Classify(d, period ?? Build.Q3, now, Options).Select(e => e.Kind).ToArray();

    [Fact]
    public void An_open_dossier_is_overdue_the_instant_after_its_due_time_and_due_soon_up_to_it()
    {
        var due = Build.Local(8, 10, 17);
        Assert.Equal([WatchKind.DueSoon], Kinds(D(due: due), due));
        Assert.Equal([WatchKind.Overdue], Kinds(D(due: due), due.AddSeconds(1)));
        Assert.Equal([WatchKind.DueSoon], Kinds(D(due: due), due.AddHours(-47)));
        Assert.Empty(Kinds(D(due: due), due.AddHours(-48)));
        var late = Assert.Single(WatchRules.Classify(D(due: due), Build.Q3, due.AddDays(3).AddHours(6), Options));
        Assert.Equal(3.3, late.DaysLate);
    }

    [Fact]
    public void A_dossier_received_in_an_earlier_period_and_still_open_is_overdue_now()
    {
        var d = D(received: Build.Local(5, 20), due: Build.Local(6, 5));
        Assert.Equal([WatchKind.Overdue], Kinds(d, Build.Local(8, 1)));
    }

    [Fact]
    public void A_dossier_returned_for_supplement_is_on_the_returned_list_and_not_overdue_while_the_clock_waits()
    {
        var d = D(status: WatchDossier.SupplementRequested, due: Build.Local(8, 5));
        Assert.Equal([WatchKind.ReturnedForSupplement], Kinds(d, Build.Local(8, 20)));
    }

    [Fact]
    public void A_dossier_closed_by_its_status_without_an_end_time_is_not_open()
    {
        foreach (var status in new[] { 7, 8, 9, 10 })
            Assert.Empty(Kinds(D(status: status, due: Build.Local(8, 5)), Build.Local(8, 20)));
    }

    [Fact]
    public void Finished_late_counts_in_the_period_its_end_falls_in_by_Vietnam_time()
    {
        // 30 Sep 23:30 Vietnam time is 16:30 UTC: still Q3; 1 Oct 00:30 Vietnam time (30 Sep 17:30 UTC) is Q4.
        var due = Build.Local(9, 29, 17);
        var inQ3 = D(due: due, finished: Build.Local(9, 30, 23, 30));
        var inQ4 = D(due: due, finished: Build.Local(10, 1, 0, 30));
        var after = Build.Local(10, 5);
        Assert.Equal([WatchKind.FinishedLate], Kinds(inQ3, after));
        Assert.Empty(Kinds(inQ4, after));
        Assert.Equal([WatchKind.FinishedLate], Kinds(inQ4, after, Period.OfQuarter(2026, 4)));
        Assert.Equal(1.3, WatchRules.Classify(inQ3, Build.Q3, after, Options).Single().DaysLate);
    }

    [Fact]
    public void Without_a_due_date_a_dossier_is_late_once_finished_after_the_Vietnam_day_it_was_received()
    {
        var received = Build.Local(8, 3, 16);
        Assert.Empty(Kinds(D(received: received, finished: Build.Local(8, 3, 23, 59)), Build.Local(8, 10)));
        var late = WatchRules.Classify(D(received: received, finished: Build.Local(8, 4, 12)), Build.Q3, Build.Local(8, 10), Options).Single();
        Assert.Equal(WatchKind.FinishedLate, late.Kind);
        Assert.Equal(0.5, late.DaysLate);
    }

    [Fact]
    public void Accepted_late_is_measured_from_NgayNopHoSo_to_NgayTiepNhan_and_counted_in_the_period_of_reception()
    {
        var submitted = Build.Local(6, 29, 10);
        Assert.Empty(Kinds(D(submitted: submitted, received: submitted.AddHours(24), finished: submitted.AddHours(25)), Build.Local(7, 10)));
        var late = D(submitted: submitted, received: Build.Local(7, 1, 10), due: Build.Local(7, 20), finished: Build.Local(7, 2));
        var entry = WatchRules.Classify(late, Build.Q3, Build.Local(7, 10), Options).Single();
        Assert.Equal(WatchKind.AcceptedLate, entry.Kind);
        Assert.Equal(1.0, entry.DaysLate);
        // Received in Q3: not on Q2's list, though filed in Q2.
        Assert.Empty(Kinds(late, Build.Local(7, 10), Period.OfQuarter(2026, 2)));
        // No NgayNopHoSo: nothing to measure.
        Assert.Empty(Kinds(D(received: Build.Local(7, 1, 10), due: Build.Local(7, 20), finished: Build.Local(7, 2)), Build.Local(7, 10)));
    }

    [Fact]
    public void What_a_snapshot_keeps_is_every_dossier_that_can_ever_be_on_a_list_of_the_period()
    {
        var random = new Random(766);
        var now = Build.Local(8, 15);
        for (var i = 0; i < 2000; i++)
        {
            var received = Build.Local(6, 1).AddHours(random.Next(0, 24 * 100));
            var d = D($"D{i}", status: random.Next(10) == 0 ? 5 : random.Next(3) == 0 ? 9 : 4, submitted: received.AddHours(-random.Next(0, 60)), received: received,
                due: random.Next(5) == 0 ? null : received.AddHours(random.Next(1, 24 * 20)), finished: random.Next(2) == 0 ? received.AddHours(random.Next(0, 24 * 25)) : null);
            foreach (var at in new[] { now, now.AddDays(20), Build.Q3.End.AddDays(-1) })
                if (WatchRules.Classify(d, Build.Q3, at, Options).Any()) Assert.True(WatchRules.MayWatch(d, Build.Q3, Options), d.ToString());
        }
    }
}

/// <summary>The forecast and the per-procedure breakdown, on hand-computed cases.</summary>
public class ForecastTests
{
    [Fact]
    public void The_best_case_finishes_the_open_dossiers_still_in_time_and_the_points_recoverable_are_the_difference()
    {
        var now = Build.Local(8, 15);
        var builder = new LiveUnitBuilder("U", Build.Q3, Build.Catalog.Parameters, now, WatchOptions.Default);
        // On time; open and still in time (recoverable); open and already overdue (lost); open, due after the period (not counted against).
        builder.Add(Build.Dossier("A", received: Build.Local(7, 1), due: Build.Local(7, 5), finished: Build.Local(7, 4)), 9, "Thủ tục");
        builder.Add(Build.Dossier("B", received: Build.Local(8, 1), due: Build.Local(8, 20)), 4, "Thủ tục");
        builder.Add(Build.Dossier("C", received: Build.Local(8, 1), due: Build.Local(8, 10)), 4, "Thủ tục");
        builder.Add(Build.Dossier("D", received: Build.Local(9, 1), due: Build.Local(10, 20)), 4, "Thủ tục");
        var snapshot = builder.Build();
        Assert.Equal(["B"], snapshot.Recoverable);
        var handled = Measures.DossiersHandledOnTime;
        Assert.Equal(new MeasureCount(2, 4, ["B", "C"]).Numerator, snapshot.AsIs.Counts[handled].Numerator);
        Assert.Equal(4, snapshot.AsIs.Counts[handled].Denominator);
        Assert.Equal(3, snapshot.BestCase.Counts[handled].Numerator);
        Assert.Equal(4, snapshot.BestCase.Counts[handled].Denominator);
        Assert.Equal(["B", "C", "D"], snapshot.Watched.Select(w => w.Id));
    }

    [Fact]
    public void The_points_an_indicator_lost_are_shared_among_procedures_by_their_misses_and_sum_to_the_loss()
    {
        var records = new List<object>();
        for (var i = 0; i < 6; i++) records.Add(Build.Dossier($"P1-{i}", procedure: "P1", received: Build.Local(7, 1), due: Build.Local(7, 5), finished: Build.Local(i < 2 ? 7 : 7, i < 2 ? 9 : 4)));
        for (var i = 0; i < 4; i++) records.Add(Build.Dossier($"P2-{i}", procedure: "P2", received: Build.Local(7, 1), due: Build.Local(7, 5), finished: Build.Local(7, i < 1 ? 9 : 4)));
        var acc = new EvidenceAccumulator(Build.Q3, Build.Catalog.Parameters);
        foreach (var d in records.Cast<Dossier>()) acc.Add(d);
        var evidence = acc.Result();
        var tree = Build.Tree(("U", null));
        var result = IndexScorer.Score(Build.Q3, Build.Catalog, tree, evidence);
        var breakdown = ProcedureBreakdown.ForTree(Build.Catalog, tree, result, evidence)["U"];
        Assert.Equal(["P1", "P2"], breakdown.Select(b => b.Code));
        var unit = result.Units.Single();
        foreach (var indicator in unit.Indicators.Where(i => i.Points is not null && i.Denominator > 0 && i.Numerator < i.Denominator && i.Parts is null))
        {
            var shares = breakdown.SelectMany(b => b.Indicators).Where(c => c.IndicatorId == indicator.Id).ToList();
            if (shares.Count == 0) continue;
            Assert.True(Math.Abs(indicator.Max - indicator.Points!.Value - shares.Sum(s => s.PointsLost)) < 0.001,
                $"{indicator.Id}: lost {indicator.Max - indicator.Points!.Value}, shares {string.Join(" + ", shares.Select(s => s.PointsLost))}");
            // On finishing on time P1 has two misses, P2 one: two thirds and one third of what that measure lost.
            var p1 = breakdown[0].Indicators.Where(c => c.IndicatorId == indicator.Id && c.Measure == Measures.DossiersFinishedOnTime).Sum(c => c.PointsLost);
            var p2 = breakdown[1].Indicators.Where(c => c.IndicatorId == indicator.Id && c.Measure == Measures.DossiersFinishedOnTime).Sum(c => c.PointsLost);
            Assert.True(Math.Abs(p1 - 2 * p2) < 0.001, $"{indicator.Id}: {p1} vs {p2}");
        }
    }
}
