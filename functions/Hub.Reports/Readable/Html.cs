using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Hub.Reports.Readable;

/// <summary>Pieces every page shares: encoding that keeps Vietnamese readable, one inline stylesheet (screen, phone,
/// A4 print with page breaks between sections), images embedded as data URIs. No script, nothing fetched.</summary>
internal static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? "");

    /// <summary>A chart shown at its logical width: the PNG holds Charts.ScaleFactor times the pixels (print, phones).</summary>
    public static string Img(byte[] png, string alt, string id)
    {
        // The PNG's width is the IHDR chunk's first field, big-endian, at byte 16.
        var pixels = png.Length >= 24 ? (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19] : 0;
        var width = pixels > 0 ? $" width=\"{pixels / Charts.ScaleFactor}\"" : "";
        return $"<img id=\"{id}\" class=\"chart\"{width} alt=\"{E(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">";
    }

    /// <param name="runningHeader">Printed at the top of every page (the report and its period); none when null.</param>
    public static void Open(StringBuilder sb, string title, string? runningHeader = null)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<link rel=\"icon\" href=\"data:,\">\n")
          .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n");
        if (runningHeader is not null)
        {
            // A CSS string: quotes and backslashes escaped, no '<' (it cannot close the style element).
            var text = runningHeader.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("<", "");
            sb.Append("<style>@media print { @page { @top-left { content: \"").Append(text).Append("\"; font: 8pt \"Noto Sans\", sans-serif; color: #52606d; } } }</style>\n");
        }
        sb.Append("</head>\n<body>\n");
    }

    public static void Close(StringBuilder sb) => sb.Append("</body>\n</html>\n");

    private const string Css = """
        :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --bg: #f5f7fa; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 1rem; line-height: 1.45; }
        h1 { font-size: 1.5rem; margin: .2rem 0 .8rem; } h2 { font-size: 1.2rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
        section { margin-bottom: 1.5rem; }
        .meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; background: var(--bg); padding: .8rem 1rem; border-radius: 6px; }
        .meta dt { color: var(--muted); } .meta dd { margin: 0; word-break: break-all; }
        .headline { font-size: 1.3rem; margin: 1rem 0; } .headline strong { font-size: 2rem; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: var(--bg); position: sticky; top: 0; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        th.group { white-space: normal; min-width: 6.5rem; max-width: 10rem; font-weight: 600; } th.group small { font-weight: 400; color: #52606d; }
        tr.depth-0 td { font-weight: 700; } tr.depth-1 td:first-child { padding-left: 1.2rem; } tr.depth-2 td:first-child { padding-left: 2.4rem; } tr.depth-3 td:first-child { padding-left: 3.6rem; }
        .band { display: inline-block; padding: 0 .4rem; border-radius: 3px; color: #fff; font-size: .8rem; }
        .chart { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
        .note { color: var(--muted); font-size: .9rem; }
        .warn { background: #fff4e5; border-left: 4px solid #ef6c00; padding: .5rem .8rem; }
        a { color: #1565c0; }
        .phone-only { display: none; }
        @media (max-width: 640px) { body { padding: .5rem; } .meta { grid-template-columns: 1fr; } h1 { font-size: 1.2rem; }
          /* A phone shows what a reader looks for first: the unit, its total, band and rank; groups are on the unit's page. */
          #bang-xep-hang th.group, #bang-xep-hang td.group { display: none; } .phone-only { display: block; } }
        .print-only { display: none; } .bar-col { display: none; }
        /* On paper: sections flow one after another (no page per section), compact tables, charts at most 100 mm
           tall, the page number and the report's name in the margins of every page (@page margin boxes). */
        @media print {
          @page { size: A4; margin: 14mm 12mm 14mm 12mm;
            @bottom-right { content: "Trang " counter(page) "/" counter(pages); font: 8pt "Noto Sans", sans-serif; color: #52606d; } }
          body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
          h1 { font-size: 14pt; } h2 { font-size: 11pt; margin: 8pt 0 4pt; break-after: avoid; }
          th, td { padding: 1.5pt 4pt; } table { font-size: 8.5pt; }
          th { position: static; } a { color: inherit; text-decoration: none; } .chart { max-height: 100mm; width: auto; max-width: 100%; }
          tr, .chart { break-inside: avoid; }
          .screen-only, .phone-only { display: none; } .print-only { display: block; }
          /* The totals chart is the ranking table's last column on paper: thirty named bars would be too small to read
             in the third of a page a chart gets. Bars and bands print even with "background graphics" off. */
          #bieu-do-tong-diem { display: none; }
          th.bar-col, td.bar-col { display: table-cell; }
          /* The ranking fits the page's width (a scrolling frame would cut its last columns off on paper): the names get
             the room, the figures a narrow column each, the group names a smaller type. */
          .table-wrap { overflow: visible; }
          #bang-xep-hang { width: 100%; table-layout: fixed; }
          #bang-xep-hang th:first-child { width: 44mm; } #bang-xep-hang th.bar-col { width: 20mm; }
          #bang-xep-hang th { font-size: 6.5pt; vertical-align: bottom; } #bang-xep-hang th small { font-size: 6pt; }
          #bang-xep-hang th, #bang-xep-hang td { padding: 1pt 2pt; } #bang-xep-hang .band { padding: 0 3pt; font-size: 7.5pt; }
          td.bar-col span { display: block; height: 2.4mm; } .bar-col span, .band { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        }

        """;
}
