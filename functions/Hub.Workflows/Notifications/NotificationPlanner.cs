using System.Globalization;
using System.Text;
using System.Text.Json;
using Hub.Storage;
using Hub.Domain.Periods;
using Hub.Storage.Alerts;
using Hub.Storage.Evidence;
using Hub.Storage.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Workflows.Notifications;

/// <summary>Decides who is told what: an alert raised goes to every subscriber of its unit or of a unit above it; the
/// daily digest of each subscriber lists the open alerts of their units. Each becomes a queue message (sent by
/// NotificationSender), so that a failed send is retried by the queue and never holds up the run that raised the alert.</summary>
public sealed class NotificationPlanner(SubscriptionRepository subscriptions, UnitRepository units, AlertRepository alerts, StorageClients storage,
    IOptions<NotificationOptions> options, ILogger<NotificationPlanner> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public async Task<int> PlanAlertAsync(StoredAlert alert, CancellationToken ct)
    {
        var tree = await units.LoadTreeAsync(ct);
        var planned = 0;
        foreach (var s in (await subscriptions.ListAsync(ct)).Where(s => s.Alerts && Covers(tree, s.UnitCode, alert.Unit)))
        {
            var unitName = tree.Contains(alert.Unit) ? tree[alert.Unit].Name : alert.Unit;
            var text = new StringBuilder()
                .AppendLine($"Cảnh báo mới về {alert.Unit} — {unitName}:")
                .AppendLine()
                .AppendLine(alert.Message)
                .AppendLine()
                .AppendLine($"Phát hiện lúc {VietnamTime.ToLocal(alert.RaisedAt).ToString("HH:mm dd/MM/yyyy", Vi)} (giờ Việt Nam), loại cảnh báo {alert.Rule}.")
                .AppendLine(Link("api/alerts?unit=" + Uri.EscapeDataString(alert.Unit)))
                .AppendLine()
                .AppendLine(Footer(s)).ToString();
            await EnqueueAsync(new Notification($"{Notification.AlertKind}|{alert.Id}|{alert.RaisedAt.UtcTicks}|{s.Id}", Notification.AlertKind, s.Id, s.Channel, s.Address,
                $"[Chỉ số 766] Cảnh báo: {alert.Unit} {unitName}", text), ct);
            planned++;
        }
        if (planned > 0) logger.LogInformation("Alert {AlertId} planned to {Count} subscribers", alert.Id, planned);
        return planned;
    }

    /// <summary>The digest of <paramref name="day"/> (Vietnam date) to every subscriber who asked for one: their units'
    /// open alerts, newest first; a subscriber with nothing open is told so (a digest that stops arriving is a fault).</summary>
    public async Task<int> PlanDigestsAsync(DateOnly day, CancellationToken ct)
    {
        var tree = await units.LoadTreeAsync(ct);
        var open = (await alerts.ListAsync(ct)).Where(a => a.State == StoredAlert.Open).OrderByDescending(a => a.RaisedAt).ToList();
        var planned = 0;
        foreach (var s in (await subscriptions.ListAsync(ct)).Where(s => s.Digest))
        {
            var mine = open.Where(a => Covers(tree, s.UnitCode, a.Unit)).ToList();
            var unitName = tree.Contains(s.UnitCode) ? tree[s.UnitCode].Name : s.UnitCode;
            var text = new StringBuilder().AppendLine($"Tổng hợp ngày {day.ToString("dd/MM/yyyy", Vi)} — {s.UnitCode} {unitName} và các đơn vị trực thuộc.").AppendLine();
            if (mine.Count == 0) text.AppendLine("Không có cảnh báo nào đang mở.");
            else
            {
                text.AppendLine($"{mine.Count} cảnh báo đang mở:");
                foreach (var a in mine.Take(50)) text.AppendLine($"- {a.Unit}: {a.Message} (từ {VietnamTime.ToLocal(a.RaisedAt).ToString("dd/MM/yyyy", Vi)})");
                if (mine.Count > 50) text.AppendLine($"… và {mine.Count - 50} cảnh báo khác.");
            }
            text.AppendLine().AppendLine(Link("api/alerts?unit=" + Uri.EscapeDataString(s.UnitCode) + "&state=open")).AppendLine().AppendLine(Footer(s));
            await EnqueueAsync(new Notification($"{Notification.DigestKind}|{day:yyyy-MM-dd}|{s.Id}", Notification.DigestKind, s.Id, s.Channel, s.Address,
                $"[Chỉ số 766] Tổng hợp ngày {day.ToString("dd/MM/yyyy", Vi)}: {s.UnitCode} {unitName} — {mine.Count} cảnh báo đang mở", text.ToString()), ct);
            planned++;
        }
        logger.LogInformation("Digest of {Day} planned to {Count} subscribers", day, planned);
        return planned;
    }

    private static bool Covers(Hub.Domain.Units.UnitTree tree, string subscribed, string unit) =>
        subscribed == unit || (tree.Contains(subscribed) && tree.Subtree(subscribed).Contains(unit, StringComparer.Ordinal));

    private string Link(string path) => options.Value.PublicBaseUrl is { Length: > 0 } b ? $"Xem chi tiết: {b.TrimEnd('/')}/{path}" : "";

    private static string Footer(Subscription s) =>
        $"Thư này gửi theo đăng ký {s.Id} ({(s.Alerts ? "cảnh báo" : "")}{(s.Alerts && s.Digest ? ", " : "")}{(s.Digest ? "tổng hợp hằng ngày" : "")}) cho {s.UnitCode}. Không chứa thông tin cá nhân.";

    private Task EnqueueAsync(Notification n, CancellationToken ct) =>
        storage.Queue(StorageNames.NotificationsQueue).SendMessageAsync(JsonSerializer.Serialize(n, Json), ct);
}
