using Microsoft.Playwright;

namespace Hub.Integration.Tests;

/// <summary>The web console in a real browser (Debian's chromium, Playwright) at desktop and phone widths, served by
/// `hub serve`'s route table over Azurite: an administrator's board and re-publication, a unit viewer's own units and
/// a refused action. Screenshots go to the test output's screenshots/ (copied to docs/screenshots).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly AzuriteFixture _ = azurite;
    private const string AdminKey = "console-admin-key";
    private const string ViewerKey = "console-viewer-key";
    private TestHub _hub = null!;
    private LocalDurableHost _durable = null!;
    private LocalApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(TestHub.SmallScale() with { RunningUntil = DateTimeOffset.UtcNow }, new Dictionary<string, string?>
        {
            ["Admin:DevelopmentKey"] = AdminKey,
            ["Admin:DevelopmentIdentities:xem-thu:Key"] = ViewerKey,
            ["Admin:DevelopmentIdentities:xem-thu:Role"] = "Hub.Viewer",
        });
        await _hub.SyncAllAsync();
        _durable = await LocalDurableHost.StartAsync(_hub.Services);
        _server = await LocalApiServer.StartAsync(_hub.Services, _durable.Client);
        var (_, id) = await _hub.Get<ScoringStarter>().StartAsync(_durable.Client, TestHub.Q3, "tran.thi.b", "quarterly publication", default);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        using var http = new HttpClient { BaseAddress = _server.BaseUrl };
        using var grant = new HttpRequestMessage(HttpMethod.Put, "api/scopes/xem-thu") { Content = new StringContent("""{"units":["G12.02"],"reason":"theo dõi Cục Hải quan"}""", System.Text.Encoding.UTF8, "application/json") };
        grant.Headers.Add("x-hub-dev-key", AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(grant)).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _durable.DisposeAsync();
        await _hub.DisposeAsync();
    }

    private static string Shot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    [Fact]
    public async Task Administrators_and_unit_viewers_use_the_console_at_desktop_and_phone_widths()
    {
        const string chromium = "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), "Debian's chromium is not installed (scripts/test.sh installs it with apt-get).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var errors = new List<string>();
        async Task<IPage> OpenAsync(string key, int width, int height)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = height },
                ExtraHTTPHeaders = new Dictionary<string, string> { ["x-hub-dev-key"] = key },
            });
            var page = await context.NewPageAsync();
            page.PageError += (_, e) => errors.Add(e);
            page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("403")) errors.Add(m.Text); };
            return page;
        }
        var home = new Uri(_server.BaseUrl, "api/console").ToString();
        var tree = await _hub.Get<Hub.Storage.Evidence.UnitRepository>().LoadTreeAsync(default);

        // The administrator, on a desktop: every unit's live figures, sync status, alerts; re-publishes with a reason.
        var admin = await OpenAsync(AdminKey, 1280, 900);
        Assert.Equal(200, (await admin.GotoAsync(home))!.Status);
        Assert.Equal("vi", await admin.GetAttributeAsync("html", "lang"));
        Assert.Contains("Bảng điều hành", await admin.InnerTextAsync("h1"));
        Assert.Equal(tree.Count, await admin.Locator("#bang-don-vi tbody tr").CountAsync());
        Assert.True(await admin.Locator("#bang-dong-bo tbody tr").CountAsync() > 0);
        Assert.DoesNotContain('\uFFFD', await admin.InnerTextAsync("body"));
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("console-admin-1280.png"), FullPage = false });
        await admin.FillAsync("#ly-do", "Cổng DVCQG cập nhật số liệu hồ sơ quý III");
        var answer = await admin.RunAndWaitForResponseAsync(() => admin.ClickAsync("#cong-bo-lai button"), r => r.Url.Contains("/api/console/republish/"));
        await admin.WaitForLoadStateAsync();
        Assert.Equal(202, answer!.Status);
        Assert.Contains("Cổng DVCQG cập nhật", await admin.InnerTextAsync("#da-nhan"));

        // A unit viewer of the customs department, on a phone: only its units; the unit page leads with the figures.
        var viewer = await OpenAsync(ViewerKey, 390, 844);
        Assert.Equal(200, (await viewer.GotoAsync(home))!.Status);
        Assert.Contains("Đơn vị của tôi", await viewer.InnerTextAsync("h1"));
        var mine = tree.Subtree("G12.02").ToHashSet();
        var rows = await viewer.Locator("#bang-don-vi tbody tr").AllAsync();
        Assert.Equal(mine.Count, rows.Count);
        foreach (var row in rows) Assert.Contains((await row.GetAttributeAsync("data-unit"))!, mine);
        Assert.Equal(0, await viewer.Locator("#bang-dong-bo").CountAsync()); // sync status is the administrators'
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("console-viewer-390.png"), FullPage = false });
        await viewer.ClickAsync("#bang-don-vi a[href='/api/console/units/G12.02']");
        Assert.Contains("G12.02", await viewer.InnerTextAsync("h1"));
        var total = await viewer.Locator("#diem-hien-tai").BoundingBoxAsync();
        Assert.True(total is not null && total.Y + total.Height <= 844, $"the total is below the first screen on a phone ({total?.Y})");
        Assert.True(await viewer.Locator("#bang-theo-doi tbody tr").CountAsync() > 0);
        var width = await viewer.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px phone (tables scroll inside their frame)");
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("console-unit-390.png"), FullPage = false });

        // The unit head subscribes themselves to the unit's alerts and digest from its page, sees it listed, cancels it.
        await viewer.FillAsync("#dia-chi", "lanh-dao@haiquan.gov.vn");
        var subscribed = await viewer.RunAndWaitForResponseAsync(() => viewer.ClickAsync("#dang-ky button"), r => r.Url.Contains("/subscribe"));
        await viewer.WaitForLoadStateAsync();
        Assert.Equal(200, subscribed!.Status);
        Assert.Contains("lanh-dao@haiquan.gov.vn", await viewer.InnerTextAsync("#da-nhan"));
        var stored = Assert.Single(await _hub.Get<Hub.Storage.Notifications.SubscriptionRepository>().ListAsync(default), x => x.UnitCode == "G12.02");
        Assert.Equal(("xem-thu", true, true), (stored.CreatedBy, stored.Alerts, stored.Digest));
        await viewer.GotoAsync(new Uri(_server.BaseUrl, "api/console/units/G12.02").ToString());
        Assert.Equal(1, await viewer.Locator("#bang-dang-ky tbody tr").CountAsync());
        await viewer.Locator("#bang-dang-ky").ScrollIntoViewIfNeededAsync();
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("console-subscribe-390.png"), FullPage = false });
        var cancelled = await viewer.RunAndWaitForResponseAsync(() => viewer.ClickAsync("#bang-dang-ky button"), r => r.Url.Contains("/unsubscribe"));
        await viewer.WaitForLoadStateAsync();
        Assert.Equal(200, cancelled!.Status);
        Assert.DoesNotContain(await _hub.Get<Hub.Storage.Notifications.SubscriptionRepository>().ListAsync(default), x => x.UnitCode == "G12.02");
        await viewer.GotoAsync(new Uri(_server.BaseUrl, "api/console/units/G12.02").ToString());
        Assert.Equal(0, await viewer.Locator("#bang-dang-ky").CountAsync());

        // What the browser's own checks would stop, sent anyway with the page's token: a 4xx page each, nothing stored;
        // the same subscription twice is one.
        var token = await viewer.Locator("#dang-ky input[name=token]").GetAttributeAsync("value");
        async Task<HttpStatusCode> PostFormAsync(string path, Dictionary<string, string> fields)
        {
            using var http = new HttpClient { BaseAddress = _server.BaseUrl };
            using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
            post.Headers.Add("x-hub-dev-key", ViewerKey);
            return (await http.SendAsync(post)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.BadRequest, await PostFormAsync("api/console/units/G12.02/subscribe", new() { ["address"] = "khong-phai-email", ["alerts"] = "on", ["token"] = token! }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostFormAsync("api/console/units/G12.02/subscribe", new() { ["address"] = "lanh-dao@haiquan.gov.vn", ["token"] = token! }));
        Assert.Equal(HttpStatusCode.NotFound, await PostFormAsync("api/console/units/G12.02/unsubscribe", new() { ["id"] = "0123456789abcdef", ["token"] = token! }));
        Assert.DoesNotContain(await _hub.Get<Hub.Storage.Notifications.SubscriptionRepository>().ListAsync(default), x => x.UnitCode == "G12.02");
        var twice = new Dictionary<string, string> { ["address"] = "lanh-dao@haiquan.gov.vn", ["digest"] = "on", ["token"] = token! };
        Assert.Equal(HttpStatusCode.OK, await PostFormAsync("api/console/units/G12.02/subscribe", twice));
        Assert.Equal(HttpStatusCode.OK, await PostFormAsync("api/console/units/G12.02/subscribe", twice));
        var one = Assert.Single(await _hub.Get<Hub.Storage.Notifications.SubscriptionRepository>().ListAsync("G12.02", default));
        Assert.Equal((false, true), (one.Alerts, one.Digest));
        Assert.Equal(HttpStatusCode.OK, await PostFormAsync("api/console/units/G12.02/unsubscribe", new() { ["id"] = one.Id, ["token"] = token! }));

        // Refused: another department's unit, and the re-publication form, with the reason in Vietnamese.
        Assert.Equal(403, (await viewer.GotoAsync(new Uri(_server.BaseUrl, "api/console/units/G12.01").ToString()))!.Status);
        Assert.Contains("chỉ xem được các đơn vị được giao", await viewer.InnerTextAsync("#tu-choi"));
        await viewer.GotoAsync(home);
        await viewer.FillAsync("#ly-do", "cán bộ xem thử công bố lại");
        var refused = await viewer.RunAndWaitForResponseAsync(() => viewer.ClickAsync("#cong-bo-lai button"), r => r.Url.Contains("/api/console/republish/"));
        await viewer.WaitForLoadStateAsync();
        Assert.Equal(403, refused!.Status);
        Assert.Contains("Chỉ quản trị viên của Bộ", await viewer.InnerTextAsync("#tu-choi"));
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("console-refused-390.png"), FullPage = false });

        // The administrator's unit page on a desktop, and the published report on a phone.
        await admin.GotoAsync(new Uri(_server.BaseUrl, "api/console/units/G12.01").ToString());
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("console-unit-1280.png"), FullPage = false });
        var reader = await OpenAsync("none", 390, 844);
        Assert.Equal(200, (await reader.GotoAsync(new Uri(_server.BaseUrl, $"api/reports/{TestHub.Q3}/v1/index.html").ToString()))!.Status);
        // On a phone the ranking shows each unit's total, band and rank without scrolling sideways (groups: on the unit's page).
        await reader.Locator("#bang-xep-hang").ScrollIntoViewIfNeededAsync();
        var totalCell = await reader.Locator("#bang-xep-hang td.total").First.BoundingBoxAsync();
        Assert.True(totalCell is not null && totalCell.X + totalCell.Width <= 390, $"the total is off-screen on a phone (x {totalCell?.X})");
        Assert.Contains("Xếp loại theo tổng điểm", await reader.InnerTextAsync("#nguong-xep-loai"));
        await reader.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("report-390.png"), FullPage = false });
        Assert.Empty(errors);
    }
}
