using System.Globalization;
using System.Text;
using Hub.Domain.Scoring;

namespace Hub.Reports;

/// <summary>One row per unit and indicator: what a spreadsheet user filters and pivots. UTF-8 with BOM so that
/// Excel shows Vietnamese names correctly; values rounded half away from zero to 2 decimals for presentation.</summary>
public static class CsvReport
{
    public static byte[] Render(IndexResult result)
    {
        var sb = new StringBuilder();
        sb.Append("period,methodology,unitCode,unitName,parentCode,total,band,rank,groupId,groupScore,groupMax,indicatorId,indicatorName,numerator,denominator,points,max\r\n");
        foreach (var u in result.Units)
        {
            var groups = u.Groups.ToDictionary(g => g.Id);
            foreach (var i in u.Indicators)
            {
                var g = groups[i.GroupId];
                Row(sb, result.Period, result.Methodology, u.Code, u.Name, u.ParentCode, Round(u.Total), u.Band, u.Rank?.ToString(CultureInfo.InvariantCulture),
                    g.Id, Round(g.Score), Round(g.Max), i.Id, i.Name, i.Numerator?.ToString(CultureInfo.InvariantCulture),
                    i.Denominator?.ToString(CultureInfo.InvariantCulture), Round(i.Points), Round(i.Max));
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static string? Round(double? value) =>
        value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture) : null;

    private static void Row(StringBuilder sb, params string?[] cells)
    {
        for (var k = 0; k < cells.Length; k++)
        {
            if (k > 0) sb.Append(',');
            var c = cells[k] ?? "";
            if (c.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(c.Replace("\"", "\"\"")).Append('"');
            else sb.Append(c);
        }
        sb.Append("\r\n");
    }
}
