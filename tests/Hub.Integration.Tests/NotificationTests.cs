using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Hub.Api.Routes;
using Hub.Domain.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Hub.Integration.Tests;

/// <summary>Notifications in the Function App's own composition: subscriptions over the API, an alert raised by the
/// alert book, the queue function sending through a real SMTP server (smtp4dev) and to a webhook receiver on loopback,
/// the daily digest, and re-delivered queue messages.</summary>
[Collection(AzuriteCollection.Name)]
public class NotificationTests(AzuriteFixture azurite)
{
    private const string Secret = "webhook-signing-secret-for-tests";
    private const string Head = "truong.phong@customs.gov.vn";

    /// <summary>A receiver for webhooks: records each POST (delivery key, body, signature); answers 500 to the first
    /// <paramref name="failFirst"/> requests.</summary>
    private sealed class Receiver(WebApplication app, ConcurrentQueue<(string Key, string Body, string Signature)> got) : IAsyncDisposable
    {
        public ConcurrentQueue<(string Key, string Body, string Signature)> Got => got;
        public string Url => app.Urls.First() + "/hook";

        public static async Task<Receiver> StartAsync(int failFirst = 0)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var got = new ConcurrentQueue<(string, string, string)>();
            var failures = failFirst;
            app.MapPost("/hook", async (HttpRequest r) =>
            {
                if (Interlocked.Decrement(ref failures) >= 0) return Results.StatusCode(500);
                var body = await new StreamReader(r.Body).ReadToEndAsync();
                got.Enqueue((r.Headers["x-hub-delivery"].ToString(), body, r.Headers["x-hub-signature"].ToString()));
                return Results.Ok();
            });
            await app.StartAsync();
            return new Receiver(app, got);
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    private static async Task<(int Status, string Body)> AdminAsync(FunctionAppHost app, string route, string? body = null, params (string, string)[] values)
    {
        var r = AdminRoutes.Named(route);
        var path = values.Aggregate(r.Template, (p, v) => p.Replace("{" + v.Item1 + "}", v.Item2));
        var request = app.Request(r.Method, "/api/" + path, body);
        await app.Services.GetRequiredService<ApiRouter>().ExecuteAsync(route, request.Request, null, values);
        request.Response.Body.Position = 0;
        return (request.Response.StatusCode, await new StreamReader(request.Response.Body).ReadToEndAsync());
    }

    /// <summary>Every message on the notifications queue through the queue function; the messages' texts are kept (to
    /// deliver them again). A message whose send failed stays (as the host leaves it) and is retried by the next call.</summary>
    private static async Task<List<string>> DrainAsync(FunctionAppHost app)
    {
        var queue = app.Storage.Queue(StorageNames.NotificationsQueue);
        var function = app.Create<Hub.Functions.Notifications.NotificationFunctions>();
        var handled = new List<string>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value;
            if (messages.Length == 0) return handled;
            foreach (var m in messages)
            {
                try { await function.Send(m.Body.ToString(), CancellationToken.None); }
                catch (Exception) { continue; } // left on the queue: visible again after the lease
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                handled.Add(m.Body.ToString());
            }
        }
    }

    [Fact]
    public async Task An_alert_and_a_digest_go_through_a_real_SMTP_server_and_a_webhook_once_each_whatever_the_queue_redelivers()
    {
        await using var smtp = await Smtp4devServer.StartAsync();
        await using var hook = await Receiver.StartAsync(failFirst: 1);
        await using var app = await FunctionAppHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.SmtpPort.ToString(),
            ["Notifications:Smtp:Security"] = "None",
            ["Notifications:WebhookSecret"] = Secret,
            ["Notifications:PublicBaseUrl"] = "https://chiso766.mof.gov.vn",
            ["Notifications:ClaimLease"] = "00:00:01",
        });
        await app.SyncInOrderAsync();

        // Subscriptions: the customs head by email (alerts and digest), a ministry system by webhook (alerts only).
        Assert.Equal(201, (await AdminAsync(app, "AddSubscription", $$"""{"unit":"G12.02","channel":"email","address":"{{Head}}"}""")).Status);
        Assert.Equal(201, (await AdminAsync(app, "AddSubscription", $$"""{"unit":"G12","channel":"webhook","address":"{{hook.Url}}","digest":false}""")).Status);
        Assert.Equal(400, (await AdminAsync(app, "AddSubscription", """{"unit":"G12","channel":"webhook","address":"http://example.com/hook"}""")).Status);
        Assert.Equal(400, (await AdminAsync(app, "AddSubscription", """{"unit":"G12","channel":"email","address":"not an address"}""")).Status);

        // An alert raised on a customs branch: both subscriptions cover it (the unit, and a unit above it).
        var branch = (await app.Services.GetRequiredService<Hub.Storage.Evidence.UnitRepository>().LoadTreeAsync(default)).Subtree("G12.02").Last();
        var condition = new AlertCondition(AlertRuleNames.BelowTarget, branch, "1.1", $"{branch}: Hồ sơ đúng hạn 61,0% dưới mục tiêu 95%", new Dictionary<string, string> { ["target"] = "95" });
        await app.Services.GetRequiredService<Hub.Workflows.Alerts.AlertBook>().ApplyAsync(new AlertEvaluator.Outcome([condition], []), "run-1", default);

        var first = await DrainAsync(app); // the webhook's first answer is a 500: that message stays and is retried
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the lease of the failed message (visibility) passes
        var retried = await DrainAsync(app);
        Assert.Equal(2, first.Count + retried.Count);
        var mails = await smtp.MessagesAsync();
        var alertMail = Assert.Single(mails);
        Assert.Contains(Head, alertMail.To);
        Assert.Contains(branch, alertMail.Subject);
        Assert.Contains("dưới mục tiêu", alertMail.Text);
        Assert.Contains("https://chiso766.mof.gov.vn/api/alerts?unit=", alertMail.Text);
        var delivered = Assert.Single(hook.Got);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes(delivered.Body))), delivered.Signature);

        // The host delivers every message again (a lost ack, a restarted instance): nothing is sent twice.
        foreach (var m in first.Concat(retried)) await app.Storage.Queue(StorageNames.NotificationsQueue).SendMessageAsync(m);
        Assert.Equal(2, (await DrainAsync(app)).Count);
        Assert.Single(await smtp.MessagesAsync());
        Assert.Single(hook.Got);
        // The same condition on the next run is the same open alert: no new notification.
        await app.Services.GetRequiredService<Hub.Workflows.Alerts.AlertBook>().ApplyAsync(new AlertEvaluator.Outcome([condition], []), "run-2", default);
        Assert.Empty(await DrainAsync(app));

        // The daily digest: to the email subscriber only (the webhook asked for alerts only), listing the open alert.
        await app.Create<Hub.Functions.Notifications.NotificationFunctions>().Digest(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        var digests = await DrainAsync(app);
        Assert.Single(digests);
        var all = await smtp.MessagesAsync();
        Assert.Equal(2, all.Count);
        var digest = all.Single(m => m.Subject.Contains("Tổng hợp", StringComparison.Ordinal));
        Assert.Contains("1 cảnh báo đang mở", digest.Text);
        foreach (var m in digests) await app.Storage.Queue(StorageNames.NotificationsQueue).SendMessageAsync(m);
        await DrainAsync(app);
        Assert.Equal(2, (await smtp.MessagesAsync()).Count);

        // The delivery log: three deliveries, each sent once; the webhook's after a failed attempt.
        var log = await AdminAsync(app, "ListDeliveries");
        Assert.Equal(200, log.Status);
        using var doc = JsonDocument.Parse(log.Body);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("sent", r.GetProperty("state").GetString()));
        Assert.Contains(rows, r => r.GetProperty("channel").GetString() == "webhook" && r.GetProperty("attempts").GetInt32() == 2);

        // Never personal data in what went out.
        var sent = string.Join("\n", all.Select(m => m.Subject + m.Text)) + delivered.Body;
        foreach (var personal in app.Portal.Data.PersonalValues.Take(500)) Assert.DoesNotContain(personal, sent);
    }
}
