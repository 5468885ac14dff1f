using Hub.Domain.Catalog;
using Hub.Domain.Scoring;
using Hub.Reports.Readable;

namespace Hub.Reports.Official;

/// <summary>The section on the index of the report a unit sends for a reporting period (Decree 09/2019/NĐ-CP), as a
/// Word document officials can paste from: the ministry's figures, the units ranked, the units in the lowest bands or
/// short of a plan target, the changes since the previous period, and what the reconciliation with the portal found.
/// In Vietnamese; every figure is index.json's, formatted as the other reports format it.</summary>
public static class QuarterlyReport
{
    public const string FileName = "bao-cao.docx";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Reporting periods get the document; calendar ones are the portal's and have their pages.</summary>
    public static bool AppliesTo(string period) => Domain.Periods.Period.TryParse(period, out var p, out _) && p.IsReporting;

    public static byte[] Render(ReportContext context, IndexCatalog catalog)
    {
        var result = context.Result;
        var info = context.Publication;
        var doc = new WordDocument()
            .Title("BÁO CÁO")
            .Centered("Kết quả Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công (Quyết định số 766/QĐ-TTg)")
            .Centered(Vietnamese.Period(result.Period), italic: true)
            .Text($"Phiên bản {info.Version}, công bố lúc {Vietnamese.Time(info.PublishedAt)} bởi {info.PublishedBy}: {info.Reason}. " +
                  $"Phương pháp tính: {result.Methodology}. Mã nội dung: {info.ContentHash}.");

        var roots = result.Units.Where(u => u.ParentCode is null).ToList();
        doc.Heading($"1. Kết quả của {string.Join(", ", roots.Select(r => r.Name))}");
        foreach (var root in roots)
        {
            doc.Text($"{root.Name} ({root.Code}): tổng điểm {Vietnamese.Number(root.Total)}/{Vietnamese.Number(catalog.TotalMax)} điểm, xếp loại {root.Band ?? "chưa đủ dữ liệu"}.");
            doc.Table(["Nhóm chỉ số", "Điểm", "Tối đa"], root.Groups.Select(g => (IReadOnlyList<string>)[$"{g.Id} — {g.Name}", Vietnamese.Number(g.Score), Vietnamese.Number(g.Max)]));
        }

        doc.Heading("2. Xếp hạng các đơn vị (hạng trong các đơn vị cùng cấp)");
        var byCode = result.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        doc.Table(["Hạng", "Mã", "Đơn vị", "Đơn vị cấp trên", "Tổng điểm", "Xếp loại"],
            result.Units.Where(u => u.ParentCode is not null)
                .OrderBy(u => u.ParentCode, StringComparer.Ordinal).ThenBy(u => u.Rank ?? int.MaxValue).ThenBy(u => u.Code, StringComparer.Ordinal)
                .Select(u => (IReadOnlyList<string>)[u.Rank?.ToString(Vietnamese.Culture) ?? "–", u.Code, u.Name,
                    byCode.TryGetValue(u.ParentCode!, out var parent) ? parent.Name : u.ParentCode!, Vietnamese.Number(u.Total), u.Band ?? "chưa đủ dữ liệu"]));

        doc.Heading("3. Đơn vị xếp loại thấp, chỉ tiêu kế hoạch chưa đạt");
        var lowest = catalog.Bands.OrderBy(b => b.Min).Take(2).Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        var low = result.Units.Where(u => u.Band is { } b && lowest.Contains(b)).OrderBy(u => u.Total).ToList();
        doc.Text(low.Count == 0
            ? $"Không có đơn vị xếp loại {string.Join(" hoặc ", lowest)}."
            : $"{low.Count} đơn vị xếp loại {string.Join(" hoặc ", lowest)}: " + string.Join("; ", low.Select(u => $"{u.Name} ({u.Code}) {Vietnamese.Number(u.Total)} điểm, {u.Band}")) + ".");
        foreach (var target in context.Targets.SelectMany(t => t.Targets.Select(s => (Unit: t, Status: s))).GroupBy(x => x.Status.TargetId))
        {
            var missed = target.Where(x => x.Status.Met == false).ToList();
            var label = target.First().Status.Label;
            doc.Text(missed.Count == 0 ? $"{label}: mọi đơn vị đo được đều đạt."
                : $"{label}: {missed.Count} đơn vị chưa đạt — " + string.Join("; ", missed.Take(12).Select(x => $"{x.Unit.Code} {IndexPage.Percent(x.Status.Ratio)}")) + (missed.Count > 12 ? "; …" : "") + ".");
        }

        if (context.PreviousPeriod is { } previous)
        {
            doc.Heading($"4. Thay đổi so với {Vietnamese.Period(previous.Period)}");
            var before = previous.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
            doc.Table(["Mã", "Đơn vị", "Kỳ trước", "Kỳ này", "Thay đổi", "Hạng (trước → nay)"],
                result.Units.Select(u => (Unit: u, Before: before.GetValueOrDefault(u.Code)))
                    .Select(x => (IReadOnlyList<string>)[x.Unit.Code, x.Unit.Name, Vietnamese.Number(x.Before?.Total), Vietnamese.Number(x.Unit.Total),
                        x.Before?.Total is { } b && x.Unit.Total is { } t ? (t - b).ToString("+0.00;-0.00;0,00", Vietnamese.Culture) : "–",
                        $"{x.Before?.Rank?.ToString(Vietnamese.Culture) ?? "–"} → {x.Unit.Rank?.ToString(Vietnamese.Culture) ?? "–"}"]));
        }
        else doc.Heading("4. Thay đổi so với kỳ trước").Text("Kỳ trước chưa được công bố: không có số liệu để so sánh.");

        doc.Heading("5. Đối chiếu với số liệu Cổng Dịch vụ công quốc gia");
        if (context.Reconciliation is { } r)
        {
            doc.Text($"Đối chiếu với bản chụp {r.CaptureId} ({Vietnamese.Time(r.CapturedAt)}): {r.UnitsAgreeing} đơn vị khớp, {r.UnitsDiffering} đơn vị chênh lệch trong {r.UnitsCompared} đơn vị.");
            var differing = r.Units.Where(u => !u.Agrees).ToList();
            if (differing.Count > 0)
                doc.Table(["Mã", "Hub", "Cổng", "Chênh lệch", "Nguyên nhân"], differing.Select(u => (IReadOnlyList<string>)[u.Code, Vietnamese.Number(u.HubTotal), Vietnamese.Number(u.PortalTotal),
                    Vietnamese.Number(u.TotalDifference), u.InCapture ? string.Join("; ", u.Indicators.Where(i => i.Flagged).Select(i => $"{i.Id}: {i.Cause}")) : "không có trong bản chụp của Cổng"]));
        }
        else
            doc.Text("Cổng Dịch vụ công quốc gia công bố Bộ chỉ số theo tháng, quý, năm dương lịch, không theo kỳ báo cáo: kỳ này được tính từ dữ liệu " +
                     $"hub đồng bộ (phương pháp {result.Methodology}) và không có số liệu của Cổng để đối chiếu.");
        if (context.SyncGaps.Count > 0)
            doc.Heading("Ghi chú").Text("Công bố khi một số nguồn dữ liệu chưa đồng bộ đến hết kỳ (đã được phê duyệt): " + string.Join("; ", context.SyncGaps) + ".");
        return doc.ToBytes(info.PublishedAt);
    }
}
