using static Hub.Domain.Tests.Build;

namespace Hub.Domain.Tests;

public class HierarchyTests
{
    [Fact]
    public void Parents_pool_counts_of_their_subtree_never_average_scores()
    {
        // A: 1 of 1 on time; B: 1 of 3 on time. Pooled: 2 of 4 (an average of ratios would say 2/3).
        var tree = Tree(("R", null), ("A", "R"), ("B", "R"));
        var r = Score([
            Dossier("a1", unit: "A", received: Local(7, 1), due: Local(7, 5), finished: Local(7, 2)),
            Dossier("b1", unit: "B", received: Local(7, 1), due: Local(7, 5), finished: Local(7, 2)),
            Dossier("b2", unit: "B", received: Local(7, 1), due: Local(7, 5), finished: Local(7, 9)),
            Dossier("b3", unit: "B", received: Local(7, 1), due: Local(7, 5), finished: Local(7, 9)),
        ], tree);
        var root = r.Indicator("2.1", "R");
        Assert.Equal((2L, 4L), (root.Numerator!.Value, root.Denominator!.Value));
        Assert.Equal(7.0, root.Points!.Value, 12);
        Assert.Equal(["b2", "b3"], root.Missed);
    }

    [Fact]
    public void Deep_hierarchy_given_leaves_first_pools_up_to_the_root()
    {
        const int depth = 200;
        var units = Enumerable.Range(0, depth).Select(k => ($"L{k:D3}", k == 0 ? null : $"L{k - 1:D3}")).Reverse().ToArray();
        var tree = Tree(units);
        var r = Score([Dossier("x", unit: $"L{depth - 1:D3}", received: Local(7, 1), synced: Local(7, 1, 10))], tree);
        Assert.All(r.Units, u => Assert.Equal(1, u.Indicators.Single(i => i.Id == "1.3").Denominator));
    }

    [Fact]
    public void Cycles_and_unknown_parents_are_rejected_clearly()
    {
        var cycle = Assert.Throws<DomainException>(() => Tree(("R", null), ("A", "B"), ("B", "A")));
        Assert.Contains("cycle", cycle.Message);
        Assert.Contains("A", cycle.Message);
        var unknown = Assert.Throws<DomainException>(() => Tree(("A", "NOPE")));
        Assert.Contains("'NOPE'", unknown.Message);
        var duplicate = Assert.Throws<DomainException>(() => Tree(("A", null), ("A", null)));
        Assert.Contains("more than once", duplicate.Message);
        Assert.Throws<DomainException>(() => Tree(("A", "A")));
    }

    [Fact]
    public void Records_of_units_outside_the_tree_are_refused()
    {
        var e = Assert.Throws<DomainException>(() => Score([Dossier("x", unit: "GHOST")], Tree(("U", null))));
        Assert.Contains("GHOST", e.Message);
    }

    [Fact]
    public void Siblings_are_ranked_by_total_descending_with_ties_broken_by_code()
    {
        var tree = Tree(("R", null), ("C", "R"), ("A", "R"), ("B", "R"), ("Z", "R"));
        var good = (string id, string unit) => Dossier(id, unit: unit, received: Local(7, 1), synced: Local(7, 1, 1));
        var bad = (string id, string unit) => Dossier(id, unit: unit, received: Local(7, 1));
        var r = Score([good("c", "C"), good("a", "A"), bad("b", "B")], tree);
        Assert.Equal(1, r.Unit("A").Rank);   // tie with C at 100: A first by code
        Assert.Equal(2, r.Unit("C").Rank);
        Assert.Equal(3, r.Unit("B").Rank);
        Assert.Null(r.Unit("Z").Rank);       // no data
        Assert.Equal(1, r.Unit("R").Rank);   // the only root
    }
}
