using System.Text;
using Hub.Domain.Portal;
using Hub.Domain.Scoring;
using static Hub.Reports.Readable.Html;

namespace Hub.Reports.Readable;

/// <summary>The section "in the whole country" of index.html: where the Ministry stands among the ministries, the
/// national figures (as the portal computes them), and the 34 provincial Finance Departments side by side, from the
/// portal's latest national ranking of the period.</summary>
public static class NationalPage
{
    public static void Append(StringBuilder sb, NationalRanking n, IReadOnlyList<UnitResult> roots)
    {
        sb.Append($"<section id=\"ca-nuoc\">\n<h2>Bộ Tài chính trong cả nước</h2>\n<p class=\"note\">Theo bảng xếp hạng của Cổng Dịch vụ công quốc gia, bản ghi lúc {E(Vietnamese.Time(n.CapturedAt))}; điểm chung cả nước tính như Cổng tính: bình quân từng nhóm chỉ số rồi cộng lại.</p>\n");
        var ministries = n.Ministries.Count > 0 ? n.MinistriesOverview : null;
        foreach (var root in roots)
            if (n.Standing(root.Code) is { } standing)
                sb.Append($"<p class=\"headline\" id=\"hang-bo-nganh\">{E(standing.Ministry.Name)}: hạng <strong>{standing.Rank}/{standing.Of}</strong> bộ, ngành, {Vietnamese.Number(standing.Ministry.Total)} điểm (bình quân các bộ, ngành {Vietnamese.Number(ministries?.Total)}).</p>\n");
        if (n.Provinces.Count > 0) sb.Append($"<p>Cả nước (34 tỉnh, thành phố): {Vietnamese.Number(n.ProvincesOverview.Total)} điểm.</p>\n");
        if (n.FinanceDepartments.Count == 0) { sb.Append("</section>\n"); return; }
        var overview = n.FinanceDepartmentsOverview;
        var provinces = n.Provinces.ToDictionary(p => p.Code, StringComparer.Ordinal);
        sb.Append($"<h3>Sở Tài chính {n.FinanceDepartments.Count} tỉnh, thành phố</h3>\n<p class=\"print-only note\">Bảng xếp hạng các Sở Tài chính: xem bản điện tử của báo cáo.</p><div class=\"table-wrap screen-only\"><table id=\"bang-so-tai-chinh\"><thead><tr><th class=\"num\">Hạng</th><th>Sở Tài chính</th><th>Tỉnh, thành phố</th>");
        foreach (var g in NationalRanking.Groups) sb.Append($"<th class=\"num\">{E(g)}</th>");
        sb.Append("<th class=\"num\">Tổng điểm</th></tr></thead><tbody>\n");
        foreach (var (d, rank) in overview.Ranking)
        {
            sb.Append($"<tr><td class=\"num\">{rank}</td><td>{E(d.Name)}</td><td>{E(d.ParentCode is { } pc && provinces.TryGetValue(pc, out var p) ? p.Name : d.ParentCode ?? "")}</td>");
            foreach (var g in NationalRanking.Groups) sb.Append($"<td class=\"num\">{Vietnamese.Number(d.Groups.GetValueOrDefault(g))}</td>");
            sb.Append($"<td class=\"num total\">{Vietnamese.Number(d.Total)}</td></tr>\n");
        }
        sb.Append("<tr class=\"overview\"><td></td><td>Bình quân</td><td></td>");
        foreach (var g in NationalRanking.Groups) sb.Append($"<td class=\"num\">{Vietnamese.Number(overview.Groups[g])}</td>");
        sb.Append($"<td class=\"num total\">{Vietnamese.Number(overview.Total)}</td></tr>\n</tbody></table></div>\n</section>\n");
    }
}
