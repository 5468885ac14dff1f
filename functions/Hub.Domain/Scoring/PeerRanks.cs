namespace Hub.Domain.Scoring;

/// <summary>A unit's rank among the units of the same kind across the whole tree (every provincial tax office
/// together, every Finance Department together), beside its rank among its siblings: the comparison a unit head is
/// judged by. The kind is read from the unit's administrative name, as the 2025 organisation names them.</summary>
public static class PeerRanks
{
    /// <summary>Name prefix → what a reader calls the units of that kind (plural, lower case).</summary>
    private static readonly (string Prefix, string Kind)[] Kinds =
    [
        ("Sở Tài chính", "sở tài chính tỉnh, thành phố"),
        ("Thuế ", "cơ quan thuế tỉnh, thành phố"),
        ("Chi cục Hải quan", "chi cục hải quan khu vực"),
        ("Kho bạc Nhà nước khu vực", "kho bạc nhà nước khu vực"),
        ("Chi cục Dự trữ Nhà nước", "chi cục dự trữ nhà nước"),
    ];

    public sealed record PeerRank(string Kind, int Rank, int Of);

    public static string? KindOf(string unitName) =>
        Kinds.FirstOrDefault(k => unitName.StartsWith(k.Prefix, StringComparison.Ordinal)).Kind;

    /// <summary>Every unit with a total and a known kind, ranked within its kind by total, highest first; equal totals
    /// share a rank (1, 2, 2, 4).</summary>
    public static IReadOnlyDictionary<string, PeerRank> Of(IndexResult result)
    {
        var ranks = new Dictionary<string, PeerRank>(StringComparer.Ordinal);
        foreach (var kind in result.Units.Where(u => u.Total is not null).GroupBy(u => KindOf(u.Name)).Where(g => g.Key is not null))
        {
            var ordered = kind.OrderByDescending(u => u.Total).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var rank = i > 0 && ordered[i].Total == ordered[i - 1].Total ? ranks[ordered[i - 1].Code].Rank : i + 1;
                ranks[ordered[i].Code] = new PeerRank(kind.Key!, rank, ordered.Count);
            }
        }
        return ranks;
    }
}
