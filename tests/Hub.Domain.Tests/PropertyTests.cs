using FsCheck.Xunit;
using Hub.Domain.Audit;

namespace Hub.Domain.Tests;

public class PropertyTests
{
    private static readonly Period Q3 = Period.OfQuarter(2026, 3);

    private static IndexResult Run(System.Text.Json.Nodes.JsonObject audit)
    {
        using var stream = RandomAudit.ToStream(audit);
        return Recompute.Run(stream, Q3, IndexCatalogs.Get("766-2022"));
    }

    [Property(MaxTest = 40)]
    public bool Points_stay_within_their_maxima_and_totals_within_0_to_100(int seed)
    {
        var result = Run(RandomAudit.Generate(seed));
        foreach (var u in result.Units)
        {
            if (u.Total is { } t && (t < 0 || t > 100 + 1e-9)) return false;
            if (u.Groups.Any(g => g.Score is { } s && (s < 0 || s > g.Max + 1e-9))) return false;
            if (u.Indicators.Any(i => i.Points is { } p && (p < 0 || p > i.Max + 1e-9))) return false;
            if (u.Indicators.Any(i => i.Numerator > i.Denominator)) return false;
            if (u.Indicators.Any(i => (i.Denominator == 0) != (i.Points is null))) return false;
        }
        return true;
    }

    [Property(MaxTest = 25)]
    public bool Permuting_the_input_never_changes_the_output(int seed)
    {
        var audit = RandomAudit.Generate(seed);
        var a = IndexResultJson.ToBytes(Run(audit), explain: true);
        var b = IndexResultJson.ToBytes(Run(RandomAudit.Shuffled(audit, seed ^ 0x5f5f)), explain: true);
        return a.AsSpan().SequenceEqual(b);
    }

    [Property(MaxTest = 10)]
    public bool Re_running_gives_byte_identical_output(int seed)
    {
        var audit = RandomAudit.Generate(seed);
        return IndexResultJson.ToBytes(Run(audit), explain: true).AsSpan().SequenceEqual(IndexResultJson.ToBytes(Run(audit), explain: true));
    }

    [Property(MaxTest = 20)]
    public bool A_parent_pools_exactly_the_sum_of_its_own_and_its_childrens_counts(int seed)
    {
        var result = Run(RandomAudit.Generate(seed));
        var byCode = result.Units.ToDictionary(u => u.Code);
        // Root U00 pools everything: its denominators are at least each child's.
        foreach (var u in result.Units.Where(u => u.ParentCode is not null))
        {
            var parent = byCode[u.ParentCode!];
            foreach (var i in u.Indicators)
                if (parent.Indicators.Single(p => p.Id == i.Id).Denominator < i.Denominator) return false;
        }
        return true;
    }
}
