using Hub.Workflows.Scoring;
using Microsoft.DurableTask.Client;
using Microsoft.Playwright;

namespace Hub.Integration.Tests;

/// <summary>An administrator approves, from the console in a real browser, the publication waiting at the approval gate
/// (Scoring:RequireApproval): the home page shows the run waiting, the approval form posts the decision, and the run
/// publishes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleApprovalTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly AzuriteFixture _ = azurite;
    private const string AdminKey = "approval-admin-key";
    private TestHub _hub = null!;
    private LocalDurableHost _durable = null!;
    private LocalApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Admin:DevelopmentKey"] = AdminKey,
            ["Scoring:RequireApproval"] = "true",
        });
        await _hub.SyncAllAsync();
        _durable = await LocalDurableHost.StartAsync(_hub.Services);
        _server = await LocalApiServer.StartAsync(_hub.Services, _durable.Client);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _durable.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task An_administrator_approves_the_waiting_publication_from_the_console()
    {
        var (_, id) = await _hub.Get<ScoringStarter>().StartAsync(_durable.Client, TestHub.Q3, "tran.thi.b", "quarterly publication", default);
        for (var i = 0; i < 600 && (await _durable.Client.GetInstanceAsync(id))?.SerializedCustomStatus?.Contains(RunStages.AwaitingApproval) != true; i++)
            await Task.Delay(100);

        // A post that did not come from a page this hub rendered for this administrator (another site's form) does nothing.
        using (var http = new HttpClient { BaseAddress = _server.BaseUrl })
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, $"api/console/approval/{TestHub.Q3}")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["token"] = new string('0', 64) }),
            };
            forged.Headers.Add("x-hub-dev-key", AdminKey);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(forged)).StatusCode);
            Assert.Contains(RunStages.AwaitingApproval, (await _durable.Client.GetInstanceAsync(id))!.SerializedCustomStatus);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["x-hub-dev-key"] = AdminKey },
        });
        var page = await context.NewPageAsync();
        var home = new Uri(_server.BaseUrl, "api/console").ToString();
        IResponse? answer = null;
        // The gate opens a moment after the run says it waits: a 409 page says "try again", and a person would.
        for (var attempt = 0; attempt < 20 && answer?.Status != 202; attempt++)
        {
            Assert.Equal(200, (await page.GotoAsync(home))!.Status);
            Assert.Contains("chờ phê duyệt", await page.InnerTextAsync("#luot-cham"));
            if (attempt == 0)
            {
                await page.Locator("#luot-cham").ScrollIntoViewIfNeededAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("console-approval-1280.png") });
            }
            await page.FillAsync("#y-kien", "Số liệu đã đối chiếu với Cổng");
            answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#phe-duyet button[value=approve]"), r => r.Url.Contains("/api/console/approval/"));
            await page.WaitForLoadStateAsync();
            if (answer!.Status == 409) await Task.Delay(250);
        }
        Assert.Equal(202, answer!.Status);
        Assert.Contains("Đã phê duyệt công bố", await page.InnerTextAsync("h1"));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await _durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("published", done.ReadOutputAs<ScoringOutcome>()!.Publication.Status);
        Assert.Single(await _hub.Get<Hub.Storage.Publications.PublicationRepository>().ListAsync(TestHub.Q3, default));

        // Once published, the home page says the run is done and offers no approval.
        await page.GotoAsync(home);
        Assert.Contains("đã xong", await page.InnerTextAsync("#luot-cham"));
        Assert.Equal(0, await page.Locator("#phe-duyet").CountAsync());
    }

    private static string Shot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
