using Hub.Domain.Periods;
using Hub.Functions.Timers;
using Hub.Storage;
using Hub.Workflows.Notifications;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Hub.Functions.Notifications;

/// <summary>Sends the queued notifications (one per message: a failure is retried by the host, then lands in
/// notifications-poison), and plans the daily digest (NotificationDigestSchedule; 07:00 Vietnam time in Azure).</summary>
public sealed class NotificationFunctions(NotificationSender sender, NotificationPlanner planner, TimeProvider clock, ILogger<NotificationFunctions> logger)
{
    [Function("SendNotification")]
    public Task Send([QueueTrigger(StorageNames.NotificationsQueue, Connection = "HubStorage")] string message, CancellationToken ct) =>
        sender.HandleAsync(message, ct);

    [Function("NotificationDigestTimer")]
    public async Task Digest([TimerTrigger("%NotificationDigestSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        TimerLog.Tick(logger, "Notification digest timer", timer);
        await planner.PlanDigestsAsync(VietnamTime.LocalDate(clock.GetUtcNow()), ct);
    }
}
