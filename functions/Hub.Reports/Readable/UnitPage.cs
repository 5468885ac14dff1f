using System.Text;
using Hub.Domain.Catalog;
using Hub.Domain.Scoring;
using static Hub.Reports.Readable.Html;

namespace Hub.Reports.Readable;

/// <summary>units/{code}.html: one unit's indicators (numerator, denominator, points, maximum, where the counts came
/// from), its groups, its children, its trend, its target progress, and the procedures that cost it most points
/// (procedure codes and names only: no dossier code, no personal data). Links to the index, its parent and its children.</summary>
public static class UnitPage
{
    public static string FileName(string unitCode) => $"units/{unitCode}.html";

    public static byte[] Render(ReportContext c, IndexCatalog catalog, UnitResult u)
    {
        var r = c.Result;
        var p = c.Publication;
        var sb = new StringBuilder();
        Open(sb, $"{u.Code} {u.Name} — {Vietnamese.Period(p.Period)}");
        sb.Append("<section class=\"first\">\n<p><a id=\"ve-bao-cao-chung\" href=\"../index.html\">← Báo cáo chung</a>");
        if (u.ParentCode is { } parent && r.Units.Any(x => x.Code == parent)) sb.Append($" · <a href=\"{E(parent)}.html\">Đơn vị cấp trên: {E(parent)}</a>");
        sb.Append("</p>\n");
        sb.Append($"<h1>{E(u.Code)} — {E(u.Name)}</h1>\n<p>{E(Vietnamese.Period(p.Period))} · phương pháp {E(p.Methodology)} · phiên bản công bố {p.Version}</p>\n");
        sb.Append($"<p class=\"headline\">Tổng điểm: <strong id=\"tong-diem\">{Vietnamese.Number(u.Total)}</strong> — {IndexPage.Band(u.Band, catalog)}{(u.Rank is { } rank ? $" — hạng {rank} trong các đơn vị cùng cấp" : "")}</p>\n");
        // Beside the sibling rank: the rank among every unit of the same kind, and the move since the previous period.
        if (Hub.Domain.Scoring.PeerRanks.Of(r).GetValueOrDefault(u.Code) is { } peer)
            sb.Append($"<p id=\"hang-cung-loai\">Hạng {peer.Rank}/{peer.Of} trong các {E(peer.Kind)}.</p>\n");
        if (c.PreviousPeriod?.Units.FirstOrDefault(x => x.Code == u.Code) is { Total: { } before } earlier && u.Total is { } now)
        {
            var delta = now - before;
            var move = earlier.Rank is { } was && u.Rank is { } @is ? (was - @is) switch { > 0 and var up => $", lên {up} bậc", < 0 and var down => $", xuống {-down} bậc", _ => ", giữ hạng" } : "";
            sb.Append($"<p id=\"so-voi-ky-truoc\">So với {E(Vietnamese.Period(c.PreviousPeriod.Period))}: {Vietnamese.Number(before)} điểm{(earlier.Rank is { } pr ? $", hạng {pr}" : "")} → {(delta >= 0 ? "+" : "−")}{Vietnamese.Number(Math.Abs(delta))} điểm{move}.</p>\n");
        }

        sb.Append("<h2>Điểm theo nhóm tiêu chí</h2>\n<div class=\"table-wrap\"><table><thead><tr><th>Nhóm</th><th class=\"num\">Điểm</th><th class=\"num\">Tối đa</th></tr></thead><tbody>");
        foreach (var g in u.Groups) sb.Append($"<tr><td>{E(g.Id)} — {E(g.Name)}</td><td class=\"num\">{Vietnamese.Number(g.Score)}</td><td class=\"num\">{Vietnamese.Number(g.Max)}</td></tr>");
        sb.Append("</tbody></table></div>\n");

        sb.Append("<h2>Các chỉ tiêu</h2>\n<div class=\"table-wrap\"><table id=\"bang-chi-tieu\"><thead><tr><th>Chỉ tiêu</th><th class=\"num\">Tử số</th><th class=\"num\">Mẫu số</th><th class=\"num\">Điểm</th><th class=\"num\">Tối đa</th><th>Nguồn số liệu</th></tr></thead><tbody>");
        foreach (var i in u.Indicators)
            sb.Append($"<tr><td>{E(i.Id)} — {E(i.Name)}</td><td class=\"num\">{Vietnamese.Count(i.Numerator)}</td><td class=\"num\">{Vietnamese.Count(i.Denominator)}</td><td class=\"num\">{Vietnamese.Number(i.Points)}</td><td class=\"num\">{Vietnamese.Number(i.Max)}</td><td>{Source(i)}</td></tr>");
        sb.Append("</tbody></table></div>\n</section>\n");

        var children = r.Units.Where(x => x.ParentCode == u.Code).OrderBy(x => x.Rank ?? int.MaxValue).ThenBy(x => x.Code, StringComparer.Ordinal).ToList();
        if (children.Count > 0)
        {
            sb.Append("<section>\n<h2>Đơn vị trực thuộc</h2>\n<div class=\"table-wrap\"><table id=\"bang-don-vi-truc-thuoc\"><thead><tr><th>Đơn vị</th><th class=\"num\">Tổng điểm</th><th>Xếp loại</th><th class=\"num\">Hạng</th></tr></thead><tbody>");
            foreach (var child in children)
                sb.Append($"<tr><td><a href=\"{E(child.Code)}.html\">{E(child.Code)}</a> {E(child.Name)}</td><td class=\"num\">{Vietnamese.Number(child.Total)}</td><td>{IndexPage.Band(child.Band, catalog)}</td><td class=\"num\">{child.Rank?.ToString() ?? "–"}</td></tr>");
            sb.Append("</tbody></table></div>\n</section>\n");
        }

        sb.Append("<section>\n<h2>Xu hướng</h2>\n");
        var (periods, lines) = IndexPage.TrendSeries(c, [u]);
        sb.Append(Img(Charts.Trend(periods.Select(Vietnamese.Period).ToList(), lines, $"Tổng điểm của {u.Code} qua các kỳ đã công bố"), $"Xu hướng tổng điểm của {u.Code}", "bieu-do-xu-huong"));
        var targets = c.Targets.FirstOrDefault(t => t.Code == u.Code);
        if (targets is { Targets.Count: > 0 })
        {
            sb.Append("<h2>Tiến độ chỉ tiêu kế hoạch</h2>\n<div class=\"table-wrap\"><table><thead><tr><th>Chỉ tiêu</th><th class=\"num\">Đạt được</th><th class=\"num\">Mục tiêu</th><th class=\"num\">Còn thiếu</th></tr></thead><tbody>");
            foreach (var s in targets.Targets)
                sb.Append($"<tr><td>{E(s.Label)}</td><td class=\"num\">{IndexPage.Percent(s.Ratio)}</td><td class=\"num\">{IndexPage.Percent(s.Target)}</td><td class=\"num\">{IndexPage.Percent(s.Gap)}</td></tr>");
            sb.Append("</tbody></table></div>\n");
        }
        sb.Append("</section>\n");

        // Per procedure, as the portal drills each group down per formalityId: procedure codes and names are public,
        // dossier codes are not (they lead to the applicant) and stay behind the authenticated API.
        var costs = c.Breakdown.GetValueOrDefault(u.Code) ?? [];
        sb.Append("<section>\n<h2>Thủ tục làm mất nhiều điểm nhất</h2>\n<p class=\"note\">Điểm mất của mỗi chỉ tiêu chia cho các thủ tục theo số hồ sơ không đạt của từng thủ tục (đơn vị và các đơn vị trực thuộc). Chỉ có mã và tên thủ tục hành chính, không có mã hồ sơ hay thông tin cá nhân.</p>\n");
        if (costs.Count == 0) sb.Append("<p class=\"note\">Không có thủ tục nào làm mất điểm.</p>\n");
        else
        {
            sb.Append("<div class=\"table-wrap\"><table id=\"bang-thu-tuc\"><thead><tr><th class=\"num\">Hạng</th><th>Thủ tục</th><th class=\"num\">Điểm mất</th><th>Chỉ tiêu mất nhiều nhất (đạt / tổng số hồ sơ)</th></tr></thead><tbody>");
            foreach (var cost in costs)
            {
                var worst = cost.Indicators.OrderByDescending(x => x.PointsLost).Take(3)
                    .Select(x => $"{E(x.IndicatorId)}: {Vietnamese.Count(x.Numerator)} / {Vietnamese.Count(x.Denominator)} (−{Vietnamese.Number(x.PointsLost)})");
                sb.Append($"<tr><td class=\"num\">{cost.Rank}</td><td>{E(cost.Code)}{(cost.Name is { } name ? " — " + E(name) : "")}</td><td class=\"num\">{Vietnamese.Number(cost.PointsLost)}</td><td>{string.Join("; ", worst)}</td></tr>");
            }
            sb.Append("</tbody></table></div>\n");
        }
        sb.Append("</section>\n");
        Close(sb);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Source(IndicatorResult i) => !i.InputsAvailable ? "chưa có số liệu" : i.Source switch
    {
        IndicatorInput.Hub => "hệ thống đếm từ dữ liệu đồng bộ",
        IndicatorInput.Portal => "số liệu Cổng DVCQG công bố",
        null => "–",
        var other => E(other),
    };
}
