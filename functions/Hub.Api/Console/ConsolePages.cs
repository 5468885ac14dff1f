using System.Security.Cryptography;
using System.Text;
using Hub.Api.Auth;
using Hub.Api.Handlers;
using Hub.Api.Routes;
using Hub.Domain.Periods;
using Hub.Domain.Steering;
using Hub.Storage.Alerts;
using Hub.Storage.Publications;
using Hub.Workflows.Scoring;
using Hub.Workflows.Steering;
using Hub.Workflows.Sync;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using static Hub.Api.Console.ConsoleHtml;

namespace Hub.Api.Console;

/// <summary>The web console, in Vietnamese, served by the same route table and authentication as the API: an
/// administrator sees sync status, alerts, the units' live figures and re-publishes with a reason; a unit viewer sees
/// the live figures, watch lists and alerts of their own units only. Plain HTML forms, no script.</summary>
public sealed class ConsolePages(SteeringService steering, SyncStatusService sync, AlertRepository alerts, PublicationRepository publications,
    ScopeGuard guard, AdminApi admin, NotificationsApi notifications, Hub.Storage.Notifications.SubscriptionRepository subscriptions,
    IConfiguration configuration, TimeProvider clock)
{
    private static readonly string[] KindLabels = ["Quá hạn", "Sắp đến hạn", "Hoàn thành trễ hạn", "Tiếp nhận muộn", "Yêu cầu bổ sung"];

    private static string Label(WatchKind kind) => KindLabels[(int)kind];

    /// <summary>GET console: the caller's home page.</summary>
    public async Task<Html> HomeAsync(Caller caller, IReadOnlyList<string>? scope, DurableTaskClient? durable, CancellationToken ct)
    {
        var tree = await steering.TreeAsync(ct);
        var period = Period.Containing(clock.GetUtcNow(), PeriodKind.Quarter);
        var visible = scope is null ? tree.Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal)
            : scope.Where(tree.Contains).SelectMany(tree.Subtree).ToHashSet(StringComparer.Ordinal);
        var body = new StringBuilder($"<h1>{(caller.IsAdministrator ? "Bảng điều hành" : "Đơn vị của tôi")} — {E(Vietnamese(period))}</h1>\n");
        if (!caller.IsAdministrator && visible.Count == 0)
            body.Append("<p class=\"refused\">Tài khoản chưa được giao đơn vị nào. Đề nghị quản trị viên của Bộ giao đơn vị theo dõi.</p>\n");

        if (steering.LiveProblem(period) is null && visible.Count > 0)
        {
            var (view, lines) = await LiveSummary.ForTreeAsync(steering, period, ct);
            var shown = lines.Where(l => visible.Contains(l.UnitCode)).ToList();
            body.Append($"<h2>Số liệu trực tiếp</h2>\n<p class=\"note\">Cập nhật sau mỗi lần đồng bộ; số liệu cũ nhất lúc {Time(view.AsOf)} (giờ Việt Nam). Chưa phải kết quả công bố.</p>\n")
                .Append("<div class=\"table-wrap\"><table id=\"bang-don-vi\"><thead><tr><th>Đơn vị</th><th class=\"num\">Điểm hiện tại</th><th class=\"num\">Nếu đúng hạn</th>")
                .Append("<th class=\"num\">Quá hạn</th><th class=\"num\">Sắp đến hạn</th><th class=\"num\">Yêu cầu bổ sung</th></tr></thead><tbody>");
            foreach (var l in shown)
                body.Append($"<tr data-unit=\"{E(l.UnitCode)}\"><td><a href=\"/api/console/units/{E(l.UnitCode)}\">{E(l.UnitCode)} — {E(l.UnitName)}</a></td><td class=\"num\">{Number(l.TotalNow)}</td><td class=\"num\">{Number(l.TotalBestCase)}</td>")
                    .Append($"<td class=\"num\">{l.WatchCounts.GetValueOrDefault(WatchKind.Overdue.Name())}</td><td class=\"num\">{l.WatchCounts.GetValueOrDefault(WatchKind.DueSoon.Name())}</td><td class=\"num\">{l.WatchCounts.GetValueOrDefault(WatchKind.ReturnedForSupplement.Name())}</td></tr>");
            body.Append("</tbody></table></div>\n");
        }

        var open = (await alerts.ListAsync(ct)).Where(a => a.State == StoredAlert.Open && (scope is null || visible.Contains(a.Unit))).OrderByDescending(a => a.RaisedAt).ToList();
        body.Append($"<h2>Cảnh báo đang mở ({open.Count})</h2>\n");
        if (open.Count == 0) body.Append("<p class=\"note\">Không có cảnh báo nào.</p>\n");
        else
        {
            body.Append("<div class=\"table-wrap\"><table id=\"bang-canh-bao\"><thead><tr><th>Đơn vị</th><th>Nội dung</th><th>Từ</th></tr></thead><tbody>");
            foreach (var a in open.Take(20)) body.Append($"<tr><td>{E(a.Unit)}</td><td>{E(a.Message)}</td><td class=\"num\">{Time(a.RaisedAt)}</td></tr>");
            body.Append("</tbody></table></div>\n");
            if (open.Count > 20) body.Append($"<p class=\"note\">… và {open.Count - 20} cảnh báo khác.</p>\n");
        }

        if (caller.IsAdministrator)
        {
            var status = await sync.GetAsync(ct);
            body.Append($"<h2>Đồng bộ dữ liệu</h2>\n<div class=\"table-wrap\"><table id=\"bang-dong-bo\"><thead><tr><th>Nguồn</th><th>Lần thành công gần nhất</th><th class=\"num\">Độ trễ</th><th>Lỗi</th></tr></thead><tbody>");
            foreach (var s in status.Sources)
                body.Append($"<tr><td>{E(s.Source)}</td><td>{Time(s.LastSuccessAt)}</td><td class=\"num\">{(s.Lag is { } lag ? $"{lag.TotalHours:0.#} giờ" : "–")}</td><td>{E(string.Join("; ", s.Errors))}</td></tr>");
            body.Append($"</tbody></table></div>\n<p class=\"note\">Hàng đợi lỗi: {status.PoisonMessages} thông điệp.</p>\n");
        }

        // The last closed quarter's scoring run, and the publication waiting for a person's approval (administrators).
        var closed = Period.LastClosedAt(clock.GetUtcNow(), PeriodKind.Quarter);
        if (caller.IsAdministrator && durable is not null) body.Append(await RunSectionAsync(caller, closed, durable, ct));

        // Re-publication: shown to everyone, done only by an administrator (a viewer who tries is refused, and told why).
        var versions = await publications.ListAsync(closed, ct);
        body.Append($"<h2>Công bố {E(Vietnamese(closed))}</h2>\n");
        body.Append(versions.Count == 0 ? "<p class=\"note\">Chưa công bố.</p>\n"
            : $"<p>Phiên bản {versions[^1].Version}, {Time(versions[^1].PublishedAt)}, bởi {E(versions[^1].PublishedBy)}: {E(versions[^1].Reason)}. <a href=\"/api/reports/{closed}/v{versions[^1].Version}/index.html\">Xem báo cáo</a></p>\n");
        body.Append($"<form id=\"cong-bo-lai\" method=\"post\" action=\"/api/console/republish/{closed}\"><label for=\"ly-do\">Công bố lại với lý do</label>")
            .Append("<textarea id=\"ly-do\" name=\"reason\" rows=\"2\" minlength=\"10\" maxlength=\"500\" required placeholder=\"Ví dụ: Cổng DVCQG cập nhật số liệu hồ sơ tháng 9\"></textarea>")
            .Append($"<input type=\"hidden\" name=\"token\" value=\"{Token(caller)}\"><button type=\"submit\">Công bố lại</button></form>\n");
        return Page(caller.IsAdministrator ? "Bảng điều hành" : "Đơn vị của tôi", caller, body.ToString());
    }

    /// <summary>GET console/units/{unit}: one unit's live figures, forecast and watch list (its subtree).</summary>
    public async Task<Results<Html, HtmlRefusal>> UnitAsync(Caller caller, string unit, CancellationToken ct)
    {
        if (await guard.CheckAsync(caller, unit, ct) is not null) return OutsideScope(caller, "xem");
        var tree = await steering.TreeAsync(ct);
        if (!tree.Contains(unit)) return Refusal("Không tìm thấy", caller, "<h1>Không tìm thấy đơn vị</h1>", 404);
        var period = Period.Containing(clock.GetUtcNow(), PeriodKind.Quarter);
        var name = tree[unit].Name;
        var body = new StringBuilder($"<p><a href=\"/api/console\">← Về trang chính</a></p>\n<h1>{E(unit)} — {E(name)}</h1>\n<p>{E(Vietnamese(period))} · số liệu trực tiếp, chưa phải kết quả công bố</p>\n");
        if (steering.LiveProblem(period) is { } problem)
        {
            body.Append($"<p class=\"note\">{E(problem)}</p>").Append(await SubscriptionSectionAsync(caller, unit, ct));
            return Page(unit, caller, body.ToString());
        }
        var view = await steering.FiguresAsync(period, tree, ct);
        var watch = steering.WatchList(period, unit, tree, view.Snapshots);
        var now = view.AsIs.Units.FirstOrDefault(u => u.Code == unit);
        var best = view.BestCase.Units.FirstOrDefault(u => u.Code == unit);
        body.Append("<div class=\"cards\" id=\"the-so-lieu\">")
            .Append($"<div class=\"card\"><div class=\"label\">Điểm hiện tại</div><div class=\"value\" id=\"diem-hien-tai\">{Number(now?.Total)}</div></div>")
            .Append($"<div class=\"card\"><div class=\"label\">Nếu mọi hồ sơ còn hạn xong đúng hạn</div><div class=\"value\">{Number(best?.Total)}</div></div>")
            .Append($"<div class=\"card\"><div class=\"label\">Điểm có thể giành lại</div><div class=\"value\">{Number(view.PointsRecoverable(unit))}</div><div class=\"label\">{view.RecoverableCount(tree, unit)} hồ sơ</div></div>");
        foreach (var kind in WatchKinds.All)
            body.Append($"<div class=\"card\"><div class=\"label\">{Label(kind)}</div><div class=\"value\">{watch.Counts.GetValueOrDefault(kind.Name())}</div></div>");
        body.Append("</div>\n");
        body.Append($"<h2>Hồ sơ cần xử lý</h2>\n<p class=\"note\">20 hồ sơ đầu (quá hạn nhiều nhất trước); mã hồ sơ và thủ tục, không có thông tin cá nhân. Số liệu lúc {Time(watch.AsOf)}.</p>\n")
            .Append("<div class=\"table-wrap\"><table id=\"bang-theo-doi\"><thead><tr><th>Danh sách</th><th>Mã hồ sơ</th><th>Thủ tục</th><th>Hẹn trả</th><th class=\"num\">Số ngày trễ</th></tr></thead><tbody>");
        foreach (var row in watch.Rows.Take(20))
            body.Append($"<tr><td>{Label(row.Kind)}</td><td>{E(row.Dossier.Id)}</td><td>{E(row.Dossier.ProcedureCode)}{(row.Dossier.ProcedureName is { } p ? " — " + E(p) : "")}</td><td>{Time(row.Dossier.DueAt)}</td><td class=\"num\">{(row.DaysLate is { } d ? d.ToString("0.#", Hub.Reports.Readable.Vietnamese.Culture) : "")}</td></tr>");
        body.Append("</tbody></table></div>\n");
        body.Append($"<p>Tải cả danh sách: <a href=\"/api/watchlist/{period}?unit={E(unit)}&amp;format=xlsx\">Excel</a> · <a href=\"/api/watchlist/{period}?unit={E(unit)}&amp;format=csv\">CSV</a></p>\n");
        body.Append(await SubscriptionSectionAsync(caller, unit, ct));
        return Page($"{unit} {name}", caller, body.ToString());
    }

    /// <summary>The re-publication form's fields (application/x-www-form-urlencoded).</summary>
    public sealed record RepublishForm(string Reason, string Token);

    /// <summary>POST console/republish/{period} (form: reason, token): an administrator's re-publication.</summary>
    public async Task<Results<HtmlAccepted, HtmlRefusal>> RepublishAsync(Caller caller, Period period, string? form, DurableTaskClient? durable, CancellationToken ct)
    {
        var (fields, refused) = AdministratorForm(caller, form, "công bố lại kết quả");
        if (refused is not null) return refused;
        var reason = fields.TryGetValue("reason", out var r) ? r.ToString() : "";
        var result = await admin.RepublishAsync(durable ?? throw new InvalidOperationException("The console's re-publication needs the host's durable client."), period, System.Text.Json.JsonSerializer.Serialize(new { reason }), caller, ct);
        var status = Answer.StatusOf(result);
        if (status == StatusCodes.Status202Accepted)
            return Started("Đã bắt đầu công bố lại", caller, $"<h1>Đã bắt đầu công bố lại {E(Vietnamese(period))}</h1>\n<p class=\"done\" id=\"da-nhan\">Lý do: {E(reason)}. Kết quả có sau vài phút; theo dõi tại <a href=\"/api/scoring/{period}\">/api/scoring/{period}</a>.</p>\n{BackHome}", $"/api/scoring/{period}");
        var message = status switch
        {
            400 => "Lý do phải dài từ 10 đến 500 ký tự.",
            409 => "Đang có một lượt chấm điểm của kỳ này, hoặc kỳ này chưa từng được công bố.",
            _ => "Không thực hiện được; lỗi đã được ghi lại.",
        };
        return Refusal("Không thực hiện được", caller, $"<h1>Không thực hiện được</h1>\n<p class=\"refused\">{message}</p>\n{BackHome}", status);
    }

    /// <summary>The caller's own subscriptions to the unit (an alert when raised, the daily digest by email), each with a
    /// button to cancel it, and the form to add one: unit heads subscribe themselves; the addresses others gave stay theirs.</summary>
    private async Task<string> SubscriptionSectionAsync(Caller caller, string unit, CancellationToken ct)
    {
        var mine = (await subscriptions.ListAsync(unit, ct)).Where(x => string.Equals(x.CreatedBy, caller.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        var html = new StringBuilder("<h2>Nhận thông báo</h2>\n<p class=\"note\">Cảnh báo của đơn vị (và đơn vị trực thuộc) gửi ngay khi phát sinh; bản tin hằng ngày lúc 7 giờ. Không có thông tin cá nhân của người dân.</p>\n");
        if (mine.Count > 0)
        {
            html.Append("<div class=\"table-wrap\"><table id=\"bang-dang-ky\"><thead><tr><th>Địa chỉ</th><th>Nhận</th><th></th></tr></thead><tbody>");
            foreach (var x in mine)
                html.Append($"<tr data-id=\"{E(x.Id)}\"><td>{E(x.Address)}</td><td>{(x.Alerts && x.Digest ? "cảnh báo và bản tin hằng ngày" : x.Alerts ? "cảnh báo" : "bản tin hằng ngày")}</td>")
                    .Append($"<td><form method=\"post\" action=\"/api/console/units/{E(unit)}/unsubscribe\"><input type=\"hidden\" name=\"id\" value=\"{E(x.Id)}\"><input type=\"hidden\" name=\"token\" value=\"{Token(caller)}\"><button type=\"submit\" class=\"secondary\">Hủy</button></form></td></tr>");
            html.Append("</tbody></table></div>\n");
        }
        html.Append($"<form id=\"dang-ky\" method=\"post\" action=\"/api/console/units/{E(unit)}/subscribe\"><label for=\"dia-chi\">Email nhận thông báo</label>")
            .Append("<input id=\"dia-chi\" name=\"address\" type=\"email\" maxlength=\"320\" required placeholder=\"lanh-dao@donvi.gov.vn\">")
            .Append("<label class=\"check\"><input type=\"checkbox\" name=\"alerts\" value=\"on\" checked> Cảnh báo</label><label class=\"check\"><input type=\"checkbox\" name=\"digest\" value=\"on\" checked> Bản tin hằng ngày</label><br>")
            .Append($"<input type=\"hidden\" name=\"token\" value=\"{Token(caller)}\"><button type=\"submit\">Đăng ký</button></form>\n");
        return html.ToString();
    }

    /// <summary>The subscription form's fields (application/x-www-form-urlencoded); a checkbox sent is a yes.</summary>
    public sealed record SubscribeForm(string Address, string? Alerts, string? Digest, string Token);

    /// <summary>POST console/units/{unit}/subscribe: the caller subscribes an email address to the unit (within their scope).</summary>
    public async Task<Results<Html, HtmlRefusal>> SubscribeAsync(Caller caller, string unit, string? form, CancellationToken ct)
    {
        var back = $"<p><a href=\"/api/console/units/{E(unit)}\">← Về trang đơn vị</a></p>";
        if (await FormProblemAsync(caller, unit, form, back, ct) is { } refused) return refused;
        var fields = QueryHelpers.ParseQuery(form ?? "");
        var address = fields.TryGetValue("address", out var a) ? a.ToString().Trim() : "";
        var (alerts, digest) = (fields.ContainsKey("alerts"), fields.ContainsKey("digest"));
        var result = await notifications.AddAsync(System.Text.Json.JsonSerializer.Serialize(new { unit, channel = Hub.Storage.Notifications.Subscription.Email, address, alerts, digest }), caller, ct);
        var status = Answer.StatusOf(result);
        if (status == StatusCodes.Status201Created)
            return Page("Đã đăng ký", caller, $"<h1>Đã đăng ký nhận thông báo của {E(unit)}</h1>\n<p class=\"done\" id=\"da-nhan\">{E(address)} sẽ nhận {(alerts && digest ? "cảnh báo và bản tin hằng ngày" : alerts ? "cảnh báo" : "bản tin hằng ngày")}.</p>\n{back}");
        var message = status switch
        {
            400 => !alerts && !digest ? "Chọn ít nhất một loại: cảnh báo hoặc bản tin hằng ngày." : "Địa chỉ email không hợp lệ.",
            404 => "Không tìm thấy đơn vị.",
            _ => "Không thực hiện được; lỗi đã được ghi lại.",
        };
        return Refusal("Không thực hiện được", caller, $"<h1>Không thực hiện được</h1>\n<p class=\"refused\">{message}</p>\n{back}", status);
    }

    /// <summary>The cancellation form's fields.</summary>
    public sealed record UnsubscribeForm(string Id, string Token);

    /// <summary>POST console/units/{unit}/unsubscribe: the caller cancels a subscription they made (an administrator, any).</summary>
    public async Task<Results<Html, HtmlRefusal>> UnsubscribeAsync(Caller caller, string unit, string? form, CancellationToken ct)
    {
        var back = $"<p><a href=\"/api/console/units/{E(unit)}\">← Về trang đơn vị</a></p>";
        if (await FormProblemAsync(caller, unit, form, back, ct) is { } refused) return refused;
        var id = QueryHelpers.ParseQuery(form ?? "").TryGetValue("id", out var i) ? i.ToString() : "";
        var subscription = (await subscriptions.ListAsync(unit, ct)).FirstOrDefault(x => x.Id == id);
        if (subscription is null || !(caller.IsAdministrator || string.Equals(subscription.CreatedBy, caller.Name, StringComparison.OrdinalIgnoreCase)))
            return Refusal("Không tìm thấy", caller, $"<h1>Không tìm thấy đăng ký</h1>\n<p class=\"refused\">Không có đăng ký này trong các đăng ký của bạn.</p>\n{back}", 404);
        await notifications.DeleteAsync(unit, id, caller, ct);
        return Page("Đã hủy", caller, $"<h1>Đã hủy nhận thông báo của {E(unit)}</h1>\n<p class=\"done\" id=\"da-nhan\">{E(subscription.Address)} không nhận thông báo của đơn vị này nữa.</p>\n{back}");
    }

    /// <summary>A console form on a unit: refused outside the caller's scope, or without this caller's token.</summary>
    private async Task<HtmlRefusal?> FormProblemAsync(Caller caller, string unit, string? form, string back, CancellationToken ct)
    {
        if (await guard.CheckAsync(caller, unit, ct) is not null) return OutsideScope(caller, "với");
        var fields = QueryHelpers.ParseQuery(form ?? "");
        if (TokenRefusal(caller, fields, back) is { } stale) return stale;
        return null;
    }

    private async Task<string> RunSectionAsync(Caller caller, Period period, DurableTaskClient durable, CancellationToken ct)
    {
        var html = new StringBuilder($"<h2>Lượt chấm điểm {E(Vietnamese(period))}</h2>\n");
        if ((await admin.RunStatusAsync(durable, period, ct)).Result is not Json<RunStatus> { Value: var run })
            return html.Append("<p class=\"note\" id=\"luot-cham\">Chưa chấm điểm kỳ này.</p>\n").ToString();
        var stage = run.Progress?.Stage;
        html.Append($"<p id=\"luot-cham\">Trạng thái: <strong>{E(RunState(run.Status, stage))}</strong>")
            .Append(run.Progress is { } p ? $" · {p.UnitsDone}/{p.UnitsTotal} đơn vị" : "")
            .Append($" · cập nhật {Time(run.LastUpdatedAt)}.</p>\n");
        if (run.Progress is { SyncGaps.Count: > 0 } gaps)
            html.Append($"<p class=\"refused\">Nguồn dữ liệu chưa đồng bộ đủ: {E(string.Join("; ", gaps.SyncGaps))}.</p>\n");
        if (run.Failure is { } failure) html.Append($"<p class=\"refused\">Lỗi: {E(failure)}</p>\n");
        if (run.Status == "Running" && stage == RunStages.AwaitingApproval)
            html.Append($"<form id=\"phe-duyet\" method=\"post\" action=\"/api/console/approval/{period}\"><label for=\"y-kien\">Kết quả đang chờ phê duyệt để công bố. Ý kiến (không bắt buộc)</label>")
                .Append("<textarea id=\"y-kien\" name=\"comment\" rows=\"2\" maxlength=\"500\"></textarea>")
                .Append($"<input type=\"hidden\" name=\"token\" value=\"{Token(caller)}\">")
                .Append("<button type=\"submit\" name=\"decision\" value=\"approve\">Phê duyệt công bố</button> <button type=\"submit\" name=\"decision\" value=\"reject\" class=\"secondary\">Không công bố</button></form>\n");
        return html.ToString();
    }

    private static string RunState(string status, string? stage) => (status, stage) switch
    {
        ("Running", RunStages.AwaitingApproval) => "chờ phê duyệt",
        ("Running", _) => "đang chấm điểm",
        ("Completed", _) => "đã xong",
        ("Failed", _) => "lỗi",
        ("Terminated", _) => "đã dừng",
        _ => status,
    };

    /// <summary>The approval form's fields (application/x-www-form-urlencoded).</summary>
    public sealed record ApprovalForm(string Decision, string? Comment, string Token);

    /// <summary>POST console/approval/{period} (form: decision approve|reject, comment, token): an administrator's
    /// decision on the publication waiting at the gate.</summary>
    public async Task<Results<HtmlAccepted, HtmlRefusal>> DecideAsync(Caller caller, Period period, string? form, DurableTaskClient? durable, CancellationToken ct)
    {
        var (fields, refused) = AdministratorForm(caller, form, "phê duyệt công bố");
        if (refused is not null) return refused;
        bool? approve = fields.TryGetValue("decision", out var d) ? d.ToString() switch { "approve" => true, "reject" => false, _ => null } : null;
        if (approve is null)
            return Refusal("Yêu cầu không hợp lệ", caller, $"<h1>Yêu cầu không hợp lệ</h1>\n<p class=\"refused\">Chọn phê duyệt hoặc không công bố.</p>\n{BackHome}", 400);
        var comment = fields.TryGetValue("comment", out var c) && c.ToString() is { Length: > 0 } text ? text : null;
        var result = await admin.DecideAsync(durable ?? throw new InvalidOperationException("The console's approval needs the host's durable client."), period,
            System.Text.Json.JsonSerializer.Serialize(new { approve, comment }), caller, ct);
        var status = Answer.StatusOf(result);
        if (status == StatusCodes.Status202Accepted)
            return Started(approve.Value ? "Đã phê duyệt" : "Đã từ chối", caller,
                $"<h1>{(approve.Value ? "Đã phê duyệt công bố" : "Đã quyết định không công bố")} {E(Vietnamese(period))}</h1>\n<p class=\"done\" id=\"da-nhan\">{(comment is null ? "" : $"Ý kiến: {E(comment)}. ")}Theo dõi tại <a href=\"/api/scoring/{period}\">/api/scoring/{period}</a>.</p>\n{BackHome}",
                $"/api/scoring/{period}");
        var message = status switch
        {
            400 => "Ý kiến dài quá 500 ký tự hoặc có ký tự không hợp lệ.",
            404 => "Kỳ này chưa được chấm điểm.",
            409 => "Không có kết quả nào đang chờ phê duyệt (hoặc cổng phê duyệt chưa mở; thử lại sau giây lát).",
            _ => "Không thực hiện được; lỗi đã được ghi lại.",
        };
        return Refusal("Không thực hiện được", caller, $"<h1>Không thực hiện được</h1>\n<p class=\"refused\">{message}</p>\n{BackHome}", status);
    }

    /// <summary>403: a unit outside the caller's scope ("Không có quyền {xem|với} đơn vị này"), never saying more of it.</summary>
    private static HtmlRefusal OutsideScope(Caller caller, string what) =>
        Refusal("Không có quyền", caller, $"<h1>Không có quyền {what} đơn vị này</h1>\n<p class=\"refused\" id=\"tu-choi\">Tài khoản chỉ xem được các đơn vị được giao và đơn vị trực thuộc.</p>\n{BackHome}", 403);

    private const string BackHome = "<p><a href=\"/api/console\">← Về trang chính</a></p>";

    /// <summary>An administrator's form from the home page: refused (403 page) for a viewer, whatever they sent, then
    /// checked for this caller's token; its fields otherwise.</summary>
    private (Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Fields, HtmlRefusal? Refused) AdministratorForm(Caller caller, string? form, string action)
    {
        if (!caller.IsAdministrator)
            return ([], Refusal("Không có quyền", caller, $"<h1>Không thực hiện được</h1>\n<p class=\"refused\" id=\"tu-choi\">Chỉ quản trị viên của Bộ được {action}. Tài khoản của bạn chỉ có quyền xem.</p>\n{BackHome}", 403));
        var fields = QueryHelpers.ParseQuery(form ?? "");
        return (fields, TokenRefusal(caller, fields, BackHome));
    }

    /// <summary>The form's token ties a post to a page this hub rendered for this caller (no cross-site post).</summary>
    private HtmlRefusal? TokenRefusal(Caller caller, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields, string back) =>
        fields.TryGetValue("token", out var token) && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.ToString()), Encoding.ASCII.GetBytes(Token(caller)))
            ? null
            : Refusal("Yêu cầu không hợp lệ", caller, $"<h1>Yêu cầu không hợp lệ</h1>\n<p class=\"refused\">Biểu mẫu đã cũ hoặc không do hệ thống tạo ra. Hãy mở lại trang và thử lại.</p>\n{back}", 400);

    private string Token(Caller caller)
    {
        var key = Encoding.UTF8.GetBytes("console-form|" + (configuration["PersonalData:HashKey"] ?? ""));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(caller.Name)));
    }

    private static string Vietnamese(Period p) => Hub.Reports.Readable.Vietnamese.Period(p.ToString());
}
