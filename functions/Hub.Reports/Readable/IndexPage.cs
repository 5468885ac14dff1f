using System.Text;
using Hub.Domain.Catalog;
using Hub.Domain.Scoring;
using MethodologyComparison = Hub.Domain.Scoring.MethodologyComparison;
using static Hub.Reports.Readable.Html;

namespace Hub.Reports.Readable;

/// <summary>index.html of a publication: what was published, by whom and why; the ministry's total; every unit ranked
/// among its siblings and grouped by the hierarchy; the charts; the plan targets; what changed since the previous
/// version; the reconciliation with the portal; the sources' gaps, if any.</summary>
public static class IndexPage
{
    public static byte[] Render(ReportContext c, IndexCatalog catalog)
    {
        var r = c.Result;
        var p = c.Publication;
        var units = r.Units.ToDictionary(u => u.Code);
        var roots = r.Units.Where(u => u.ParentCode is null || !units.ContainsKey(u.ParentCode)).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        Open(sb, $"Chỉ số phục vụ — {Vietnamese.Period(p.Period)} — phiên bản {p.Version}",
            runningHeader: $"Chỉ số phục vụ người dân, doanh nghiệp — Bộ Tài chính — {Vietnamese.Period(p.Period)}, phiên bản {p.Version}");

        sb.Append("<section class=\"first\" id=\"tong-quan\">\n<h1>Chỉ số đánh giá chất lượng phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)</h1>\n");
        sb.Append("<dl class=\"meta\">")
          .Append($"<dt>Kỳ đánh giá</dt><dd id=\"ky\">{E(Vietnamese.Period(p.Period))} ({E(p.Period)})</dd>")
          .Append($"<dt>Phương pháp</dt><dd>{E(p.Methodology)}</dd>")
          .Append($"<dt>Phiên bản công bố</dt><dd id=\"phien-ban\">{p.Version}</dd>")
          .Append($"<dt>Người công bố</dt><dd>{E(p.PublishedBy)}</dd>")
          .Append($"<dt>Thời điểm công bố</dt><dd>{E(Vietnamese.Time(p.PublishedAt))}</dd>")
          .Append($"<dt>Lý do</dt><dd>{E(p.Reason)}</dd>")
          .Append($"<dt>Mã băm nội dung</dt><dd><code>{E(p.ContentHash)}</code></dd>")
          .Append("</dl>\n");
        foreach (var root in roots)
            sb.Append($"<p class=\"headline\">{E(root.Name)}: <strong id=\"tong-diem-{E(root.Code)}\">{Vietnamese.Number(root.Total)}</strong> điểm — {Band(root.Band, catalog)}</p>\n");
        if (c.SyncGaps.Count > 0)
        {
            sb.Append("<div class=\"warn\" id=\"thieu-du-lieu\"><strong>Công bố khi nguồn dữ liệu chưa đồng bộ đầy đủ</strong> (được quản trị viên phê duyệt):<ul>");
            foreach (var g in c.SyncGaps) sb.Append($"<li>{E(g)}</li>");
            sb.Append("</ul></div>\n");
        }
        sb.Append("<p class=\"note\">Tải về: <a href=\"index.xlsx\">bảng tính Excel</a> · <a href=\"index.csv\">CSV</a> · <a href=\"index.json\">JSON</a></p>\n</section>\n");

        // Ranking, grouped by the hierarchy.
        sb.Append("<section id=\"xep-hang\">\n<h2>Bảng xếp hạng các đơn vị</h2>\n<div class=\"table-wrap\"><table id=\"bang-xep-hang\">\n<thead><tr><th>Đơn vị</th>");
        // The group's name in the header (a reader does not know the codes), its code and maximum under it.
        foreach (var g in catalog.Groups) sb.Append($"<th class=\"num group\">{E(g.Name)}<br><small>{E(g.Id)} · tối đa {g.Max.ToString("0.##", Vietnamese.Culture)}</small></th>");
        sb.Append("<th class=\"num\">Tổng điểm</th><th>Xếp loại</th><th class=\"num\">Hạng</th><th class=\"bar-col\">Tổng điểm (thang 100)</th></tr></thead>\n<tbody>\n");
        foreach (var root in roots) Rows(sb, root, 0, r, catalog);
        var bands = catalog.Bands.OrderByDescending(b => b.Min).ToList();
        sb.Append("</tbody></table></div>\n<p class=\"note\">Hạng: thứ tự trong số các đơn vị cùng cấp. Điểm nhóm và tổng điểm theo phương pháp ").Append(E(p.Methodology)).Append(".</p>\n")
          .Append("<p class=\"note\" id=\"nguong-xep-loai\">Xếp loại theo tổng điểm: ")
          .Append(string.Join("; ", bands.Select((b, i) => b.Min > 0 ? $"{E(b.Name)} từ {b.Min.ToString("0.##", Vietnamese.Culture)} điểm" : $"{E(b.Name)} dưới {bands[Math.Max(0, i - 1)].Min.ToString("0.##", Vietnamese.Culture)} điểm")))
          .Append(".</p>\n<p class=\"note phone-only\">Trên điện thoại bảng chỉ hiện tổng điểm, xếp loại và hạng; điểm từng nhóm ở trang của mỗi đơn vị.</p>\n</section>\n");

        // Charts.
        var scored = r.Units.Where(u => u.Total is not null).OrderByDescending(u => u.Total).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
        sb.Append("<section id=\"bieu-do\">\n<h2>Biểu đồ</h2>\n");
        if (scored.Count > 0)
        {
            sb.Append(Img(Charts.Totals(scored.Select(u => ($"{u.Code} {u.Name}", u.Total!.Value, BandIndex(u.Band, catalog))).ToList()), "Tổng điểm theo đơn vị", "bieu-do-tong-diem"))
              .Append("<p class=\"print-only note\">Tổng điểm theo đơn vị: cột cuối của bảng xếp hạng (màu theo xếp loại).</p>\n");
            var ministry = roots.FirstOrDefault(u => u.Total is not null) ?? scored[0];
            var others = scored.Where(u => u.Code != ministry.Code).ToList();
            var series = new List<(string, IReadOnlyList<GroupResult>)> { ($"{ministry.Code} (toàn Bộ)", ministry.Groups) };
            if (others.Count > 0)
            {
                series.Add(($"Cao nhất: {others[0].Code}", others[0].Groups));
                series.Add(($"Thấp nhất: {others[^1].Code}", others[^1].Groups));
            }
            sb.Append(Img(Charts.Groups(ministry.Groups, series), "Điểm theo nhóm tiêu chí: Bộ so với đơn vị cao nhất và thấp nhất", "bieu-do-nhom"));
        }
        else sb.Append("<p class=\"note\">Chưa có đơn vị nào đủ dữ liệu để tính tổng điểm.</p>\n");
        var trendUnits = roots.Concat(roots.SelectMany(root => r.Units.Where(u => u.ParentCode == root.Code))).ToList();
        var (periods, lines) = TrendSeries(c, trendUnits);
        sb.Append(Img(Charts.Trend(periods.Select(Vietnamese.Period).ToList(), lines, "Xu hướng tổng điểm qua các kỳ đã công bố"), "Xu hướng tổng điểm của Bộ và các Tổng cục/Cục qua các kỳ đã công bố", "bieu-do-xu-huong"));
        sb.Append("</section>\n");

        // Plan targets: a separate view, never part of the score.
        // On paper the plan targets are left to the electronic report and the unit pages (they would double the pages).
        sb.Append("<p class=\"print-only note\">Tiến độ chỉ tiêu kế hoạch và chi tiết từng đơn vị: xem bản điện tử của báo cáo (trang của mỗi đơn vị).</p>\n");
        sb.Append("<section id=\"chi-tieu\" class=\"screen-only\">\n<h2>Tiến độ chỉ tiêu kế hoạch</h2>\n<p class=\"note\">Theo dõi bên cạnh chỉ số, không tính vào điểm.</p>\n");
        var rootTargets = c.Targets.Where(t => roots.Any(root => root.Code == t.Code)).ToList();
        if (rootTargets.Count == 0 || rootTargets.All(t => t.Targets.Count == 0)) sb.Append("<p class=\"note\">Không có chỉ tiêu nào đo được theo phương pháp này.</p>\n");
        foreach (var t in rootTargets.Where(t => t.Targets.Count > 0))
        {
            sb.Append($"<h3>{E(t.Name)}</h3><div class=\"table-wrap\"><table><thead><tr><th>Chỉ tiêu</th><th class=\"num\">Đạt được</th><th class=\"num\">Mục tiêu</th><th>Kết quả</th></tr></thead><tbody>");
            foreach (var s in t.Targets)
                sb.Append($"<tr><td>{E(s.Label)}</td><td class=\"num\">{Percent(s.Ratio)}</td><td class=\"num\">{Percent(s.Target)}</td><td>{TargetState(s)}</td></tr>");
            sb.Append("</tbody></table></div>\n");
        }
        sb.Append("</section>\n");

        // What changed since the previous version.
        if (c.Previous is { } previous)
        {
            sb.Append($"<section id=\"thay-doi\">\n<h2>Thay đổi so với phiên bản {p.Version - 1}</h2>\n<p>Lý do công bố lại: {E(p.Reason)}</p>\n");
            var before = previous.Units.ToDictionary(u => u.Code);
            var moved = r.Units.Where(u => !before.TryGetValue(u.Code, out var b) || Math.Abs((u.Total ?? -1) - (b.Total ?? -1)) > 0.005 || u.Band != b.Band || u.Rank != b.Rank).ToList();
            if (moved.Count == 0) sb.Append("<p class=\"note\">Không đơn vị nào thay đổi tổng điểm, xếp loại hay hạng.</p>\n");
            else
            {
                sb.Append("<p class=\"print-only note\">Bảng chi tiết theo đơn vị: xem bản điện tử của báo cáo.</p><div class=\"table-wrap screen-only\"><table id=\"bang-thay-doi\"><thead><tr><th>Đơn vị</th><th class=\"num\">Tổng điểm trước</th><th class=\"num\">Tổng điểm nay</th><th>Xếp loại trước → nay</th><th class=\"num\">Hạng trước → nay</th></tr></thead><tbody>");
                foreach (var u in moved)
                {
                    before.TryGetValue(u.Code, out var b);
                    sb.Append($"<tr><td><a href=\"units/{E(u.Code)}.html\">{E(u.Code)}</a> {E(u.Name)}</td><td class=\"num\">{Vietnamese.Number(b?.Total)}</td><td class=\"num\">{Vietnamese.Number(u.Total)}</td><td>{E(b?.Band ?? "–")} → {E(u.Band ?? "–")}</td><td class=\"num\">{b?.Rank?.ToString() ?? "–"} → {u.Rank?.ToString() ?? "–"}</td></tr>");
                }
                sb.Append("</tbody></table></div>\n");
            }
            sb.Append("</section>\n");
        }

        // A what-if comparison between methodologies, when one exists.
        if (c.Comparison is { } cmp)
        {
            sb.Append($"<section id=\"so-sanh\">\n<h2>So sánh phương pháp: {E(cmp.From)} và {E(cmp.To)}</h2>\n<p class=\"note\">Cùng số liệu, tính theo phương pháp khác; không thay đổi kết quả đã công bố.</p>\n");
            sb.Append($"<div class=\"table-wrap\"><table id=\"bang-so-sanh\"><thead><tr><th>Đơn vị</th><th class=\"num\">{E(cmp.From)}</th><th class=\"num\">{E(cmp.To)}</th><th class=\"num\">Chênh lệch</th><th>Xếp loại</th><th>Chỉ tiêu giải thích</th></tr></thead><tbody>");
            foreach (var u in cmp.Units)
                sb.Append($"<tr><td>{E(u.Code)} {E(u.Name)}</td><td class=\"num\">{Vietnamese.Number(u.FromTotal)}</td><td class=\"num\">{Vietnamese.Number(u.ToTotal)}</td><td class=\"num\">{Vietnamese.Number(u.Difference)}</td><td>{E(u.FromBand ?? "–")} → {E(u.ToBand ?? "–")}</td><td>{E(string.Join("; ", u.Explanation.Select(x => $"{x.FromIndicator}→{x.ToIndicator} {x.Shift.ToString("+0.00;-0.00", Vietnamese.Culture)}")))}</td></tr>");
            sb.Append("</tbody></table></div>\n</section>\n");
        }

        // Reconciliation with the portal.
        if (c.Reconciliation is { } rec)
        {
            sb.Append($"<section id=\"doi-chieu\">\n<h2>Đối chiếu với Cổng Dịch vụ công quốc gia</h2>\n<p>Bản ghi của Cổng lúc {E(Vietnamese.Time(rec.CapturedAt))}: {rec.UnitsAgreeing} đơn vị khớp, {rec.UnitsDiffering} đơn vị chênh lệch (trên 0,015 điểm).</p>\n");
            var differing = rec.Units.Where(u => u.InCapture && !u.Agrees).ToList();
            if (differing.Count > 0)
            {
                sb.Append("<p class=\"print-only note\">Bảng chi tiết theo đơn vị: xem bản điện tử của báo cáo.</p><div class=\"table-wrap screen-only\"><table id=\"bang-doi-chieu\"><thead><tr><th>Đơn vị</th><th class=\"num\">Hệ thống</th><th class=\"num\">Cổng</th><th>Nguyên nhân</th></tr></thead><tbody>");
                foreach (var u in differing)
                {
                    // Indicators and groups by their names, as the reader knows them, not by their codes.
                    var causes = u.Indicators.Where(i => i.Flagged).Select(i => $"{catalog.Indicators.FirstOrDefault(x => x.Id == i.Id)?.Name ?? i.Id}: {i.Cause}")
                        .Concat(u.Groups.Where(g => g.Flagged && g.Cause != Hub.Domain.Portal.Reconciler.SeeTheIndicators).Select(g => $"{catalog.Groups.FirstOrDefault(x => x.Id == g.Id)?.Name ?? g.Id}: {g.Cause}"));
                    sb.Append($"<tr><td><a href=\"units/{E(u.Code)}.html\">{E(u.Code)} — {E(u.Name)}</a></td><td class=\"num\">{Vietnamese.Number(u.HubTotal)}</td><td class=\"num\">{Vietnamese.Number(u.PortalTotal)}</td><td>{E(string.Join("; ", causes))}</td></tr>");
                }
                sb.Append("</tbody></table></div>\n");
            }
            sb.Append("</section>\n");
        }
        if (c.National is { } national) NationalPage.Append(sb, national, roots);
        Close(sb);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Rows(StringBuilder sb, UnitResult u, int depth, IndexResult r, IndexCatalog catalog)
    {
        sb.Append($"<tr class=\"depth-{Math.Min(depth, 3)}\" data-unit=\"{E(u.Code)}\"><td><a href=\"units/{E(u.Code)}.html\">{E(u.Code)}</a> {E(u.Name)}</td>");
        foreach (var g in catalog.Groups)
            sb.Append($"<td class=\"num group\">{Vietnamese.Number(u.Groups.FirstOrDefault(x => x.Id == g.Id)?.Score)}</td>");
        sb.Append($"<td class=\"num total\" data-total=\"{(u.Total is { } t ? t.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "")}\">{Vietnamese.Number(u.Total)}</td><td>{Band(u.Band, catalog)}</td><td class=\"num\">{u.Rank?.ToString() ?? "–"}</td>{TotalBar(u, catalog)}</tr>\n");
        foreach (var child in r.Units.Where(x => x.ParentCode == u.Code).OrderBy(x => x.Rank ?? int.MaxValue).ThenBy(x => x.Code, StringComparer.Ordinal))
            Rows(sb, child, depth + 1, r, catalog);
    }

    /// <summary>On paper the ranking table carries the totals chart: a bar per unit in its band's colour, named by its row
    /// (a chart of thirty named bars is unreadable at the size a page leaves it).</summary>
    private static string TotalBar(UnitResult u, IndexCatalog catalog) => u.Total is { } t
        ? $"<td class=\"bar-col\"><span style=\"width:{Math.Clamp(t, 0, 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%;background:{Charts.ColourOfBand(BandIndex(u.Band, catalog))}\"></span></td>"
        : "<td class=\"bar-col\"></td>";

    internal static int BandIndex(string? band, IndexCatalog catalog)
    {
        for (var i = 0; i < catalog.Bands.Count; i++) if (catalog.Bands[i].Name == band) return i;
        return -1;
    }

    internal static string Band(string? band, IndexCatalog catalog) =>
        band is null ? "<span class=\"note\">chưa đủ dữ liệu</span>" : $"<span class=\"band\" style=\"background:{Charts.ColourOfBand(BandIndex(band, catalog))}\">{E(band)}</span>";

    /// <summary>Đạt / chưa đạt against the milestone due by the period's end; "chưa đến hạn" before the first one.</summary>
    internal static string TargetState(Hub.Domain.Targets.TargetStatus s) =>
        s.DueBy is null ? $"chưa đến hạn ({E(s.Next ?? "")})" : s.Met is null ? "chưa đo được" : s.Met.Value ? $"đạt (mốc {s.DueBy})" : $"chưa đạt (mốc {s.DueBy})";

    internal static string Percent(double? ratio) => ratio is { } v ? (100 * v).ToString("0.0", Vietnamese.Culture) + " %" : "–";

    /// <summary>Earlier published periods, then this one; a line per unit.</summary>
    internal static (List<string> Periods, List<(string Label, IReadOnlyList<double?> Totals)> Lines) TrendSeries(ReportContext c, IReadOnlyList<UnitResult> units)
    {
        var periods = c.Trend.Select(t => t.Period).Distinct().Where(x => x != c.Publication.Period)
            .OrderBy(x => Domain.Periods.Period.TryParse(x, out var p, out _) ? p : default).ToList();
        periods.Add(c.Publication.Period);
        var lines = units.Select(u => (u.Code + " " + u.Name, (IReadOnlyList<double?>)periods.Select(period =>
            period == c.Publication.Period ? u.Total : c.Trend.FirstOrDefault(t => t.Period == period && t.UnitCode == u.Code)?.Total).ToList())).ToList();
        return (periods, lines);
    }
}
