using System.Globalization;
using System.Text;
using Hub.Domain.Evidence;
using Hub.Domain.Periods;
using Hub.Domain.Steering;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Hub.Reports.Steering;

/// <summary>A watch list as a unit head opens it: CSV (UTF-8 with BOM, for Excel) or XLSX, Vietnamese headers, times in
/// Vietnam time, days late as numbers. Dossier and procedure codes only: never the applicant.</summary>
public static class WatchListExport
{
    private static readonly string[] Headers =
        ["Danh sách", "Mã hồ sơ", "Đơn vị", "Mã TTHC", "Tên TTHC", "Kênh", "Ngày nộp", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày kết thúc xử lý", "Số ngày trễ"];

    public static byte[] Csv(IEnumerable<WatchEntry> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Headers.Select(Quote)).Append("\r\n");
        foreach (var row in rows)
            text.AppendJoin(',', Cells(row).Select(c => Quote(c switch
            {
                null => "",
                double d => d.ToString("0.0", CultureInfo.InvariantCulture),
                _ => c.ToString()!,
            }))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(IEnumerable<WatchEntry> rows)
    {
        var sheet = rows.Select(r =>
        {
            var cells = Cells(r);
            var record = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < Headers.Length; i++) record[Headers[i]] = cells[i];
            return record;
        }).ToList();
        if (sheet.Count == 0) sheet.Add(Headers.ToDictionary(h => h, _ => (object?)null));
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            TableStyles = TableStyles.Default,
            DynamicColumns = [new DynamicExcelColumn("Số ngày trễ") { Format = "0.0" }, new DynamicExcelColumn("Tên TTHC") { Width = 60 }],
        };
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["Hồ sơ cần theo dõi"] = sheet }, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }

    private static object?[] Cells(WatchEntry e)
    {
        var d = e.Dossier;
        return
        [
            e.Kind.Title(), d.Id, d.UnitCode, d.ProcedureCode, d.ProcedureName, ChannelName(d.Channel),
            Time(d.SubmittedAt), Time(d.ReceivedAt), Time(d.DueAt), Time(d.FinishedAt), e.DaysLate,
        ];
    }

    public static string ChannelName(Channel channel) => channel switch
    {
        Channel.Online => "Trực tuyến",
        Channel.Postal => "Bưu chính công ích",
        _ => "Trực tiếp",
    };

    private static string? Time(DateTimeOffset? at) =>
        at is { } t ? VietnamTime.ToLocal(t).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>RFC 4180 quoting; a cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with '.</summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
