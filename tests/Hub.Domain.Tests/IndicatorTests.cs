using static Hub.Domain.Tests.Build;

namespace Hub.Domain.Tests;

/// <summary>Hand-computed cases, one rule at a time (docs/methodology-766-2022.md).</summary>
public class IndicatorTests
{
    [Fact]
    public void Publication_on_time_counts_calendar_days_after_the_decision_takes_effect()
    {
        var decision = Local(3, 1, 16);
        var r = Score([
            Procedure("A", decision: decision, published: Local(3, 6, 23, 59)),  // 5 days: on time
            Procedure("B", decision: decision, published: Local(3, 7, 0, 1)),    // 6 days: late
            Procedure("C", decision: decision),                                   // never published: late
            Procedure("D"),                                                       // no decision: not counted in 1.1
            Procedure("E", decision: decision, published: Local(3, 2), to: Local(6, 30, 23)), // expired before Q3: inactive
        ]);
        var i = r.Indicator("1.1");
        Assert.Equal((1L, 3L), (i.Numerator!.Value, i.Denominator!.Value));
        Assert.Equal(6.0 * 1 / 3, i.Points!.Value, 12);
        Assert.Equal(["B", "C"], i.Missed);
        Assert.Equal(4, r.Indicator("1.2").Denominator); // A, B, C, D are active
    }

    [Fact]
    public void Sync_lag_of_exactly_the_limit_is_in_time()
    {
        var received = Local(7, 10, 10);
        var r = Score([
            Dossier("a", received: received, synced: received.AddHours(24)),
            Dossier("b", received: received, synced: received.AddHours(24).AddSeconds(1)),
            Dossier("c", received: received),
        ]);
        var i = r.Indicator("1.3");
        Assert.Equal((1L, 3L), (i.Numerator!.Value, i.Denominator!.Value));
        Assert.Equal(["b", "c"], i.Missed);
    }

    [Fact]
    public void On_time_is_finished_no_later_than_due_and_without_due_the_same_local_day()
    {
        var r = Score([
            Dossier("due-exact", received: Local(7, 1), due: Local(7, 5), finished: Local(7, 5)),
            Dossier("due-late", received: Local(7, 1), due: Local(7, 5), finished: Local(7, 5).AddSeconds(1)),
            Dossier("nodue-same-day", received: Local(7, 2, 23), finished: Local(7, 2, 23, 30)),
            // 23:00 local is 16:00 UTC; 00:30 next local day is still the same UTC day: late in Vietnam time.
            Dossier("nodue-next-day", received: Local(7, 2, 23), finished: Local(7, 3, 0, 30)),
            // finished at 00:00 on 1 October (local) belongs to Q4
            Dossier("q4", received: Local(9, 20), due: Local(10, 5), finished: Local(10, 1, 0)),
        ]);
        var i = r.Indicator("2.1");
        Assert.Equal((2L, 4L), (i.Numerator!.Value, i.Denominator!.Value));
        Assert.Equal(["due-late", "nodue-next-day"], i.Missed);
        Assert.Equal(14.0 * 2 / 4, i.Points!.Value, 12);
    }

    [Fact]
    public void Open_at_end_of_period_and_not_overdue()
    {
        var end = Local(10, 1, 0);
        var r = Score([
            Dossier("due-at-end", received: Local(9, 1), due: end),
            Dossier("overdue", received: Local(9, 1), due: end.AddSeconds(-1)),
            Dossier("no-due", received: Local(5, 1)),                              // received in Q2, still open
            Dossier("finished-at-end", received: Local(9, 1), finished: end),      // finished >= end: open at end
            Dossier("finished-before", received: Local(9, 1), finished: end.AddSeconds(-1)),
            Dossier("received-after", received: end),
        ]);
        var i = r.Indicator("2.2");
        Assert.Equal((3L, 4L), (i.Numerator!.Value, i.Denominator!.Value));
        Assert.Equal(["overdue"], i.Missed);
    }

    [Fact]
    public void Online_procedures_in_use_count_dossiers_of_any_unit()
    {
        var tree = Tree(("R", null), ("U", "R"), ("V", "R"));
        var r = Score([
            Procedure("P-full", unit: "U", level: OnlineLevel.Full),
            Procedure("P-partial", unit: "U", level: OnlineLevel.Partial),
            Procedure("P-none", unit: "U"),
            Dossier("v1", unit: "V", procedure: "P-full", channel: Channel.Online),    // another unit uses U's service
            Dossier("u1", unit: "U", procedure: "P-partial", channel: Channel.Direct), // not online: no use
            Dossier("u0", unit: "U", procedure: "P-full", channel: Channel.Online, received: Local(6, 30)), // Q2
        ], tree);
        var i = r.Indicator("3.1", "U");
        Assert.Equal((2L, 3L), (i.Numerator!.Value, i.Denominator!.Value));
        var use = r.Indicator("3.2", "U");
        Assert.Equal((1L, 2L), (use.Numerator!.Value, use.Denominator!.Value));
        Assert.Equal(["P-partial"], use.Missed);
        Assert.Null(r.Indicator("3.2", "V").Points); // V owns no online procedure: not applicable
    }

    [Fact]
    public void Dossiers_filed_online_count_only_online_procedures_owned_anywhere_and_skip_unknown_procedures()
    {
        var tree = Tree(("R", null), ("U", "R"));
        var r = Score([
            Procedure("P-online", unit: "R", level: OnlineLevel.Partial),   // owned by the parent
            Procedure("P-offline", unit: "U"),
            Dossier("a", procedure: "P-online", channel: Channel.Online),
            Dossier("b", procedure: "P-online", channel: Channel.Postal),
            Dossier("c", procedure: "P-offline", channel: Channel.Online),
            Dossier("d", procedure: "P-unknown", channel: Channel.Online, fee: true, paidOnline: true),
        ], tree);
        var i = r.Indicator("3.3", "U");
        Assert.Equal((1L, 2L), (i.Numerator!.Value, i.Denominator!.Value));
        Assert.Equal(["b"], i.Missed);
        // The dossier with an unknown procedure still counts elsewhere.
        Assert.Equal(4, r.Indicator("4.3", "U").Denominator);
        Assert.Equal((1L, 1L), (r.Indicator("3.4", "U").Numerator!.Value, r.Indicator("3.4", "U").Denominator!.Value));
    }

    [Fact]
    public void Fees_digitization_electronic_results_and_reuse()
    {
        var r = Score([
            Dossier("a", channel: Channel.Direct, fee: true, paidOnline: true, digitized: true, reused: true),
            Dossier("b", channel: Channel.Postal, fee: true, digitized: false, finished: Local(7, 11), electronicResult: true),
            Dossier("c", channel: Channel.Online, digitized: false, finished: Local(7, 12), electronicResult: false),
        ]);
        Assert.Equal((1L, 2L), (r.Indicator("3.4").Numerator!.Value, r.Indicator("3.4").Denominator!.Value));
        Assert.Equal((1L, 2L), (r.Indicator("4.1").Numerator!.Value, r.Indicator("4.1").Denominator!.Value)); // online excluded
        Assert.Equal((1L, 2L), (r.Indicator("4.2").Numerator!.Value, r.Indicator("4.2").Denominator!.Value));
        Assert.Equal((1L, 3L), (r.Indicator("4.3").Numerator!.Value, r.Indicator("4.3").Denominator!.Value));
        Assert.Equal(8.0 / 2 + 8.0 / 2 + 6.0 / 3, r.Unit().Groups.Single(g => g.Id == "4").Score!.Value, 12);
    }

    [Fact]
    public void Feedback_and_ratings()
    {
        var r = Score([
            new FeedbackItem("f1", "U", Local(7, 1), Local(7, 15), Local(7, 15)),
            new FeedbackItem("f2", "U", Local(7, 1), Local(7, 15), Local(7, 16)),
            new FeedbackItem("f3", "U", Local(9, 20), Local(10, 3), null),       // due in Q4: not counted
            new FeedbackItem("f4", "U", Local(9, 20), Local(9, 30), null),
            new Rating("d1", "U", Local(7, 2), RatingLevel.VerySatisfied),
            new Rating("d2", "U", Local(7, 2), RatingLevel.Satisfied),
            new Rating("d3", "U", Local(7, 2), RatingLevel.Neutral),
            new Rating("d4", "U", Local(7, 2), RatingLevel.Dissatisfied),
        ]);
        Assert.Equal((1L, 3L), (r.Indicator("5.1").Numerator!.Value, r.Indicator("5.1").Denominator!.Value));
        Assert.Equal(["f2", "f4"], r.Indicator("5.1").Missed);
        Assert.Equal((2L, 4L), (r.Indicator("5.2").Numerator!.Value, r.Indicator("5.2").Denominator!.Value));
        Assert.Equal(18 * (6.0 / 3 + 12.0 / 2) / 18, r.Unit().Groups.Single(g => g.Id == "5").Score!.Value, 12);
    }

    [Fact]
    public void Utc_and_local_offsets_give_the_same_result()
    {
        var local = Score([Dossier("a", received: Local(7, 1, 6), due: Local(7, 3), finished: Local(7, 3, 23, 59), synced: Local(7, 2, 6))]);
        var utc = Score([Dossier("a", received: Local(7, 1, 6).ToUniversalTime(), due: Local(7, 3).ToUniversalTime(),
            finished: Local(7, 3, 23, 59).ToUniversalTime(), synced: Local(7, 2, 6).ToUniversalTime())]);
        Assert.Equal(Audit.IndexResultJson.ToBytes(local, explain: true), Audit.IndexResultJson.ToBytes(utc, explain: true));
    }

    [Fact]
    public void Explanations_are_bounded_and_order_independent()
    {
        var dossiers = Enumerable.Range(0, 50).Select(n => Dossier($"d{n:D2}", received: Local(7, 10), synced: null)).ToList();
        var forward = Score(dossiers, sample: 5).Indicator("1.3").Missed;
        dossiers.Reverse();
        var backward = Score(dossiers, sample: 5).Indicator("1.3").Missed;
        Assert.Equal(["d00", "d01", "d02", "d03", "d04"], forward);
        Assert.Equal(forward, backward);
    }
}
