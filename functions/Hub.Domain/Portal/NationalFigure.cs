namespace Hub.Domain.Portal;

/// <summary>One row of the portal's national ranking (a province, a ministry, or a department under a province): its
/// published group scores and total. ParentCode: the province a department sits under.</summary>
public sealed record RankedDepartment(string Code, string Name, double Total, IReadOnlyDictionary<string, double> Groups, int? PublishedRank = null, string? ParentCode = null);

/// <summary>The national overview ("Cả nước") of a ranking, as the portal computes it, and the ranking itself.</summary>
public sealed record NationalOverview(double Total, IReadOnlyDictionary<string, double> Groups, IReadOnlyList<(RankedDepartment Department, int Rank)> Ranking);

/// <summary>The national figure the portal publishes over the provinces (or the ministries): group by group, the mean
/// of the departments' group scores rounded half up to 2 decimals; the total is the sum of those group figures, not
/// the mean of the totals (which differs in the second decimal: 61.70 against the published 61.71 on the snapshot of
/// 26 Sep 2026). Departments are ranked by total, highest first; ties by code.</summary>
public static class NationalFigure
{
    public static NationalOverview Compute(IReadOnlyList<RankedDepartment> departments, IReadOnlyList<string> groups)
    {
        if (departments.Count == 0) throw new DomainException("A national figure needs at least one department.");
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var scores = departments.Select(d => d.Groups.TryGetValue(group, out var s) ? s
                : throw new DomainException($"{d.Code} has no score for group {group}: the national figure is not computed from part of the departments.")).ToList();
            // In decimal: the published group scores are 2-decimal figures, and their mean must round as the portal's does.
            figures[group] = (double)Math.Round(scores.Sum(s => (decimal)s) / scores.Count, 2, MidpointRounding.AwayFromZero);
        }
        // Summed in decimal: the group figures are exact 2-decimal numbers, and so is their sum.
        var total = (double)figures.Values.Sum(v => (decimal)v);
        var ranking = departments.OrderByDescending(d => d.Total).ThenBy(d => d.Code, StringComparer.Ordinal)
            .Select((d, i) => (d, i + 1)).ToList();
        return new NationalOverview(total, figures, ranking);
    }
}
