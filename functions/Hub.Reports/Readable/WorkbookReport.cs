using Hub.Domain.Catalog;
using Hub.Domain.Scoring;
using MiniExcel = MiniExcelLibs.MiniExcel;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Hub.Reports.Readable;

/// <summary>index.xlsx: a sheet per view (units with groups and totals; indicators per unit; plan targets; publication
/// metadata), Vietnamese headers, numbers stored as numbers shown with 2 decimals, frozen header row, filters.</summary>
public static partial class WorkbookReport
{
    public static byte[] Render(ReportContext c, IndexCatalog catalog)
    {
        var r = c.Result;
        var units = r.Units.Select(u =>
        {
            var row = new Dictionary<string, object?>
            {
                ["Mã đơn vị"] = u.Code, ["Tên đơn vị"] = u.Name, ["Đơn vị cấp trên"] = u.ParentCode,
            };
            foreach (var g in catalog.Groups) row[$"{g.Id} ({g.Max:0.##})"] = u.Groups.FirstOrDefault(x => x.Id == g.Id)?.Score;
            row["Tổng điểm"] = u.Total;
            row["Xếp loại"] = u.Band;
            row["Hạng"] = u.Rank;
            return row;
        }).ToList();
        var indicators = r.Units.SelectMany(u => u.Indicators.Select(i => new Dictionary<string, object?>
        {
            ["Mã đơn vị"] = u.Code, ["Nhóm"] = i.GroupId, ["Mã chỉ tiêu"] = i.Id, ["Tên chỉ tiêu"] = i.Name,
            ["Tử số"] = i.Numerator, ["Mẫu số"] = i.Denominator, ["Điểm"] = i.Points, ["Tối đa"] = i.Max, ["Nguồn"] = i.Source,
        })).ToList();
        var targets = c.Targets.SelectMany(t => t.Targets.Select(s => new Dictionary<string, object?>
        {
            ["Mã đơn vị"] = t.Code, ["Tên đơn vị"] = t.Name, ["Chỉ tiêu"] = s.Label, ["Tử số"] = s.Numerator, ["Mẫu số"] = s.Denominator,
            ["Tỷ lệ đạt"] = s.Ratio, ["Mục tiêu"] = s.Target, ["Đạt"] = s.DueBy is null ? "chưa đến hạn" : s.Met is null ? null : s.Met.Value ? "đạt" : "chưa đạt", ["Mốc"] = s.DueBy,
        })).ToList();
        var p = c.Publication;
        var metadata = new List<Dictionary<string, object?>>
        {
            new() { ["Thông tin"] = "Kỳ đánh giá", ["Giá trị"] = $"{Vietnamese.Period(p.Period)} ({p.Period})" },
            new() { ["Thông tin"] = "Phương pháp", ["Giá trị"] = p.Methodology },
            new() { ["Thông tin"] = "Phiên bản công bố", ["Giá trị"] = p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new() { ["Thông tin"] = "Người công bố", ["Giá trị"] = p.PublishedBy },
            new() { ["Thông tin"] = "Thời điểm công bố", ["Giá trị"] = Vietnamese.Time(p.PublishedAt) },
            new() { ["Thông tin"] = "Lý do", ["Giá trị"] = p.Reason },
            new() { ["Thông tin"] = "Mã băm nội dung", ["Giá trị"] = p.ContentHash },
        };
        var sheets = new Dictionary<string, object>
        {
            ["Đơn vị"] = units, ["Chỉ tiêu"] = indicators, ["Chỉ tiêu kế hoạch"] = targets, ["Thông tin công bố"] = metadata,
        };
        // Points with two decimals; ratios as percentages (Excel shows 60,3 % in a Vietnamese locale, not 0,60); names
        // wide enough to be read whole.
        var twoDecimals = new[] { "Tổng điểm", "Điểm", "Tối đa" }
            .Concat(catalog.Groups.Select(g => $"{g.Id} ({g.Max:0.##})"))
            .Select(name => new DynamicExcelColumn(name) { Format = "0.00", Width = 14 })
            .Concat(new[] { "Tỷ lệ đạt", "Mục tiêu" }.Select(name => new DynamicExcelColumn(name) { Format = "0.0%", Width = 12 }))
            .Concat(new[] { ("Tên đơn vị", 42.0), ("Tên chỉ tiêu", 60.0), ("Chỉ tiêu", 50.0), ("Giá trị", 60.0), ("Thông tin", 22.0) }.Select(x => new DynamicExcelColumn(x.Item1) { Width = x.Item2 }))
            .ToArray();
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            TableStyles = TableStyles.Default,
            DynamicColumns = twoDecimals,
            FastMode = false,
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets, printHeader: true, excelType: MiniExcelLibs.ExcelType.XLSX, configuration: configuration);
        return Deterministic(stream.ToArray());
    }

    /// <summary>An .xlsx is a zip whose entries carry timestamps, and MiniExcel names its relationships with random
    /// GUIDs (R + 32 hex digits). Both are made fixed — a time, and ids numbered in order of first appearance — so the
    /// same scores give the same bytes.</summary>
    private static byte[] Deterministic(byte[] xlsx)
    {
        using var input = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx), System.IO.Compression.ZipArchiveMode.Read);
        var texts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in input.Entries)
        {
            using var from = entry.Open();
            using var buffer = new MemoryStream();
            from.CopyTo(buffer);
            texts[entry.FullName] = buffer.ToArray();
            if (!entry.FullName.EndsWith(".xml", StringComparison.Ordinal) && !entry.FullName.EndsWith(".rels", StringComparison.Ordinal)) continue;
            foreach (System.Text.RegularExpressions.Match m in RelationshipId().Matches(System.Text.Encoding.UTF8.GetString(texts[entry.FullName])))
                ids.TryAdd(m.Value, $"rIdHub{ids.Count + 1}");
        }
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var copy = zip.CreateEntry(entry.FullName, System.IO.Compression.CompressionLevel.Optimal);
                copy.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var content = texts[entry.FullName];
                if (ids.Count > 0 && (entry.FullName.EndsWith(".xml", StringComparison.Ordinal) || entry.FullName.EndsWith(".rels", StringComparison.Ordinal)))
                    content = System.Text.Encoding.UTF8.GetBytes(RelationshipId().Replace(System.Text.Encoding.UTF8.GetString(content), m => ids[m.Value]));
                using var to = copy.Open();
                to.Write(content);
            }
        }
        return output.ToArray();
    }

    [System.Text.RegularExpressions.GeneratedRegex("R[0-9a-f]{32}")]
    private static partial System.Text.RegularExpressions.Regex RelationshipId();
}
