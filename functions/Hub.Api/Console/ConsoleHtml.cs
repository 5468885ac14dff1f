using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hub.Api.Auth;
using Hub.Api.Routes;

namespace Hub.Api.Console;

/// <summary>The console's page frame: Vietnamese, server-rendered, no script; one stylesheet that puts the figures a
/// unit head needs first on a phone (tables scroll sideways, the headline cards stack).</summary>
internal static class ConsoleHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? "");

    public static Html Page(string title, Caller caller, string body) => new(Frame(title, caller, body));

    public static HtmlRefusal Refusal(string title, Caller caller, string body, int status) => new(Frame(title, caller, body), status);

    public static HtmlAccepted Started(string title, Caller caller, string body, string location) => new(Frame(title, caller, body), location);

    private static string Frame(string title, Caller caller, string body)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<link rel=\"icon\" href=\"data:,\">\n<title>").Append(E(title)).Append(" — Chỉ số phục vụ 766</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n")
          .Append("<header><a class=\"brand\" href=\"/api/console\">Chỉ số phục vụ người dân, doanh nghiệp — Bộ Tài chính</a>")
          .Append($"<span class=\"who\" id=\"nguoi-dung\">{E(caller.Name)} · {(caller.IsAdministrator ? "Quản trị viên" : "Cán bộ theo dõi đơn vị")}</span></header>\n<main>\n")
          .Append(body)
          .Append("</main>\n<footer>Số liệu chỉ để điều hành nội bộ; không có thông tin cá nhân. Báo cáo công khai: <a href=\"/api/reports\">/api/reports</a></footer>\n</body>\n</html>\n");
        return sb.ToString();
    }

    public static string Number(double? v) => v is { } x ? x.ToString("0.00", Hub.Reports.Readable.Vietnamese.Culture) : "–";

    public static string Time(DateTimeOffset? at) => at is { } t ? Hub.Domain.Periods.VietnamTime.ToLocal(t).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : "–";

    private const string Css = """
        :root { --ink:#1f2933; --muted:#52606d; --line:#d9e2ec; --bg:#f5f7fa; --accent:#0b5cad; --warn:#b44d12; }
        * { box-sizing:border-box; }
        body { margin:0; font:16px/1.5 "Noto Sans", system-ui, sans-serif; color:var(--ink); background:var(--bg); }
        header { display:flex; flex-wrap:wrap; justify-content:space-between; gap:.5rem; padding:.75rem 1rem; background:#fff; border-bottom:1px solid var(--line); }
        .brand { font-weight:700; color:var(--accent); text-decoration:none; }
        .who { color:var(--muted); }
        main { max-width:1200px; margin:0 auto; padding:1rem; }
        h1 { font-size:1.5rem; margin:.25rem 0 1rem; }
        h2 { font-size:1.15rem; margin:1.5rem 0 .5rem; }
        .cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(170px, 1fr)); gap:.75rem; }
        .card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:.75rem 1rem; }
        .card .label { color:var(--muted); font-size:.85rem; }
        .card .value { font-size:1.6rem; font-weight:700; }
        .table-wrap { overflow-x:auto; background:#fff; border:1px solid var(--line); border-radius:8px; }
        table { border-collapse:collapse; width:100%; }
        th, td { padding:.45rem .6rem; border-bottom:1px solid var(--line); text-align:left; vertical-align:top; }
        th { background:#eef2f7; font-weight:600; white-space:nowrap; }
        td.num, th.num { text-align:right; white-space:nowrap; }
        .note { color:var(--muted); font-size:.9rem; }
        .refused { border-left:4px solid var(--warn); background:#fff4ec; padding:.75rem 1rem; border-radius:4px; }
        .done { border-left:4px solid #2f855a; background:#f0fff4; padding:.75rem 1rem; border-radius:4px; }
        form { background:#fff; border:1px solid var(--line); border-radius:8px; padding:1rem; }
        label { display:block; font-weight:600; margin-bottom:.25rem; }
        textarea, select, input[type=email] { width:100%; font:inherit; padding:.5rem; border:1px solid var(--line); border-radius:4px; }
        label.check { display:inline-block; font-weight:normal; margin:.5rem 1rem 0 0; }
        td form { border:0; padding:0; background:none; } td form button { margin:0; padding:.25rem .75rem; }
        button { margin-top:.5rem; font:inherit; padding:.5rem 1rem; border:0; border-radius:4px; background:var(--accent); color:#fff; cursor:pointer; } button.secondary { background:#eceff1; color:#1f2933; border:1px solid #90a4ae; }
        footer { max-width:1200px; margin:2rem auto; padding:0 1rem; color:var(--muted); font-size:.85rem; }
        @media (max-width:600px) { body { font-size:15px; } h1 { font-size:1.25rem; } .card .value { font-size:1.3rem; } th, td { padding:.35rem .45rem; } }
        """;
}
