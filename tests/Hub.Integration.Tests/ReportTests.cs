using Hub.Reports;
using Hub.Reports.Readable;
using Microsoft.Playwright;

namespace Hub.Integration.Tests;

/// <summary>The reports people read: published on Azurite, served read-only by `hub serve`'s route table, opened in a
/// real browser (Debian's chromium, driven by Playwright).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly AzuriteFixture _ = azurite;
    private static readonly string Period = TestHub.Q3.ToString();
    private TestHub _hub = null!;
    private LocalDurableHost _durable = null!;
    private LocalApiServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync();
        await _hub.SyncAllAsync();
        _durable = await LocalDurableHost.StartAsync(_hub.Services);
        _server = await LocalApiServer.StartAsync(_hub.Services, _durable.Client);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.BaseUrl };
        var (_, id) = await _hub.Get<ScoringStarter>().StartAsync(_durable.Client, TestHub.Q3, "tran.thi.b", "quarterly publication", default);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var meta = await _durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal("published", meta.ReadOutputAs<ScoringOutcome>()!.Publication.Status);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _durable.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task Every_publication_holds_html_drill_downs_a_workbook_csv_and_json()
    {
        var publication = Assert.Single(await _hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default));
        Assert.Contains("index.html", publication.Files);
        Assert.Contains("index.xlsx", publication.Files);
        Assert.Contains("index.csv", publication.Files);
        Assert.Contains("index.json", publication.Files);
        foreach (var unit in await _hub.Get<Hub.Storage.Evidence.UnitRepository>().ListAsync(default))
            Assert.Contains($"units/{unit.Code}.html", publication.Files);

        var csv = await _hub.Get<PublicationRepository>().ReadFileAsync($"{Period}/v1/index.csv", default);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]); // UTF-8 with BOM: Excel shows the diacritics

        // The workbook: a sheet per view, numbers stored as numbers with 2-decimal display, frozen header, filters.
        var xlsx = await _hub.Get<PublicationRepository>().ReadFileAsync($"{Period}/v1/index.xlsx", default);
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(new MemoryStream(xlsx));
        Assert.Equal(["Đơn vị", "Chỉ tiêu", "Chỉ tiêu kế hoạch", "Thông tin công bố"], sheets);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true, sheetName: "Đơn vị").Cast<IDictionary<string, object>>().ToList();
        var root = rows.Single(r => (string)r["Mã đơn vị"] == "G12");
        Assert.IsType<double>(root["Tổng điểm"]);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        var sheet1 = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).Open()).ReadToEnd();
        Assert.Contains("<x:pane", sheet1.Replace("<pane", "<x:pane"));
        Assert.Contains("autoFilter", sheet1);
        Assert.Contains("0.00", new StreamReader(zip.GetEntry("xl/styles.xml")!.Open()).ReadToEnd());
    }

    [Fact]
    public async Task Published_files_hold_no_dossier_code_and_each_unit_page_ranks_the_procedures_that_cost_it_points()
    {
        var publication = Assert.Single(await _hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default));
        var repository = _hub.Get<PublicationRepository>();
        // The reports are anonymous: a dossier code (MaHoSo) on the internet leads to its applicant.
        var codes = _hub.Portal.Data.Dossiers.Select(d => d.Id).Distinct().ToList();
        Assert.NotEmpty(codes);
        var scores = await _hub.Get<Hub.Storage.Scores.ScoreRepository>().GetPeriodAsync(TestHub.Q3, default);
        Assert.Contains(scores, s => s.Unit.Indicators.Any(i => i.Missed.Count > 0)); // the sample exists, behind the API
        foreach (var file in publication.Files.Where(f => !f.EndsWith(".xlsx") && !f.EndsWith(".docx")))
        {
            var text = System.Text.Encoding.UTF8.GetString(await repository.ReadFileAsync($"{Period}/v1/{file}", default));
            var leaked = codes.FirstOrDefault(c => text.Contains(c, StringComparison.Ordinal));
            Assert.True(leaked is null, $"{file} holds dossier code {leaked}");
        }
        var unit = scores.Select(s => s.Unit).First(u => u.ParentCode is not null && u.Indicators.Any(i => i.Missed.Count > 0));
        var page = System.Text.Encoding.UTF8.GetString(await repository.ReadFileAsync($"{Period}/v1/units/{unit.Code}.html", default));
        Assert.Contains("id=\"bang-thu-tuc\"", page);
        var procedures = _hub.Portal.Data.Procedures.Select(p => p.Id).ToList();
        Assert.Contains(procedures, code => page.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reports_are_served_read_only_with_caching_and_nothing_outside_the_container()
    {
        var list = await _http.GetAsync("api/reports");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(Period, await list.Content.ReadAsStringAsync());

        var latest = await _http.GetAsync($"api/reports/{Period}");
        Assert.Equal(HttpStatusCode.Found, latest.StatusCode);
        Assert.Equal($"/api/reports/{Period}/v1/index.html", latest.Headers.Location!.OriginalString);

        var page = await _http.GetAsync($"api/reports/{Period}/v1/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", page.Headers.CacheControl!.ToString());
        var etag = page.Headers.ETag!.ToString();
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, $"api/reports/{Period}/v1/index.html"))
        {
            conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
            Assert.Equal(HttpStatusCode.NotModified, (await _http.SendAsync(conditional)).StatusCode);
        }
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (await _http.GetAsync($"api/reports/{Period}/v1/index.xlsx")).Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"api/reports/{Period}/v1/units/G12.html")).StatusCode);

        foreach (var hostile in new[]
                 {
                     $"api/reports/{Period}/v1/..%2F..%2Flatest.json", $"api/reports/{Period}/v1/%2Fetc%2Fpasswd", $"api/reports/{Period}/v1/units/..%2F..%2Fv1%2Findex.json",
                     $"api/reports/{Period}/v1/units%2F..%2Findex.html", $"api/reports/{Period}/v1/..\\index.html", $"api/reports/{Period}/v1/units/..%5Cindex.json",
                     $"api/reports/{Period}/v2/index.html", $"api/reports/{Period}/v0/index.html", $"api/reports/{Period}/latest/index.html",
                     $"api/reports/{Period}/v1/nope.html", "api/reports/2026-Q1/v1/index.html", $"api/reports/{Period}/v1/units/NOPE.html",
                 })
        {
            var response = await _http.GetAsync(hostile);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{hostile}: {response.StatusCode}");
            if (response.Content.Headers.ContentType?.MediaType is { } type) Assert.Equal("application/problem+json", type);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("api/reports/２０２６-Q3")).StatusCode);
    }

    [Fact]
    public async Task Republishing_identical_data_makes_no_new_version_and_a_changed_republication_says_what_changed()
    {
        var repository = _hub.Get<PublicationRepository>();
        var first = await repository.ReadFileAsync($"{Period}/v1/index.html", default);
        var (_, id) = await _hub.Get<ScoringStarter>().StartAsync(_durable.Client, TestHub.Q3, "tran.thi.b", "re-run with the same data", default);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var outcome = (await _durable.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token)).ReadOutputAs<ScoringOutcome>()!;
        Assert.Equal(("unchanged", 1), (outcome.Publication.Status, outcome.Publication.Version));
        Assert.Single(await repository.ListAsync(TestHub.Q3, default));
        Assert.Equal(first, await repository.ReadFileAsync($"{Period}/v1/index.html", default));

        // The same context renders the same bytes (no render time inside); a changed re-publication lists the moves.
        var result = await _hub.Get<Hub.Storage.Scores.EvidenceStore>().LoadResultAsync(outcome.ResultBlob, default);
        var info = new PublicationInfo(Period, 2, DateTimeOffset.Parse("2026-10-05T03:00:00Z"), "tran.thi.b", "corrected dossier feed of G12.01.01", result.Methodology, "sha256:x");
        var previous = result with { Units = result.Units.Select(u => u.Code == "G12.01.01" ? u with { Total = (u.Total ?? 0) - 3.5, Band = "Trung bình" } : u).ToList() };
        var context = new ReportContext(info, result, previous, [], [], null, []);
        var once = ReportRenderer.RenderReadable(context);
        var twice = ReportRenderer.RenderReadable(context);
        Assert.Equal(once.Select(f => (f.Name, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(f.Content)))),
            twice.Select(f => (f.Name, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(f.Content)))));
        var html = System.Text.Encoding.UTF8.GetString(once.Single(f => f.Name == "index.html").Content);
        Assert.Contains("Thay đổi so với phiên bản 1", html);
        Assert.Contains("corrected dossier feed of G12.01.01", html);
        Assert.Contains("units/G12.01.01.html", html[html.IndexOf("bang-thay-doi", StringComparison.Ordinal)..]);

        // A unit's page: its rank among the units of its kind, and its move since the previous period.
        var lastQuarter = result with
        {
            Period = "2026-Q2",
            Units = result.Units.Select(u => u.Code == "G12.01.01" ? u with { Total = u.Total - 2.25, Rank = (u.Rank ?? 1) + 1 } : u).ToList(),
        };
        var withPrevious = ReportRenderer.RenderReadable(context with { PreviousPeriod = lastQuarter });
        var unitPage = System.Text.Encoding.UTF8.GetString(withPrevious.Single(f => f.Name == "units/G12.01.01.html").Content);
        Assert.Contains("trong các cơ quan thuế tỉnh, thành phố", unitPage);
        Assert.Contains("So với Quý II/2026", unitPage);
        Assert.Contains("+2,25 điểm, lên 1 bậc", unitPage);
    }

    private static readonly string[] Provinces = ["Gia Lai", "Lào Cai", "Nghệ An", "Quảng Ninh", "Đắk Lắk", "Khánh Hòa", "Lâm Đồng", "Cà Mau", "An Giang", "Thanh Hóa", "Tây Ninh"];

    [Fact]
    public async Task A_report_of_thirty_units_prints_whole_on_at_most_four_A4_pages_with_page_numbers_and_a_running_header()
    {
        var publication = Assert.Single(await _hub.Get<PublicationRepository>().ListAsync(TestHub.Q3, default));
        var result = await _hub.Get<Hub.Storage.Scores.EvidenceStore>().LoadResultAsync(Hub.Storage.Scores.EvidenceStore.ResultBlob(TestHub.Q3, publication.RunId), default);
        // Thirty units: the published tree and provincial tax offices under the tax department, with their own totals;
        // every section a publication renders: the previous version and period (changes), the reconciliation with the
        // portal's capture, the national ranking, plan targets.
        var template = result.Units.Single(u => u.Code == "G12.01.01");
        var extra = Enumerable.Range(2, 30 - result.Units.Count)
            .Select(i => template with { Code = $"G12.01.{i:D2}", Name = $"Thuế tỉnh {Provinces[i % Provinces.Length]}", Total = Math.Round((template.Total ?? 60) - i * 0.37, 2), Rank = i })
            .ToList();
        var thirty = result with { Units = result.Units.Concat(extra).ToList() };
        Assert.Equal(30, thirty.Units.Count);
        var earlier = thirty with { Period = "2026-Q2", Units = thirty.Units.Select(u => u with { Total = u.Total - 1.5, Rank = u.Rank is { } r ? r % 5 + 1 : null }).ToList() };
        var info = new PublicationInfo(Period, 2, DateTimeOffset.Parse("2026-10-05T03:00:00Z"), "tran.thi.b", "quarterly publication", thirty.Methodology, "sha256:x");
        var catalog = Hub.Domain.Catalog.IndexCatalogs.Get(thirty.Methodology);
        var reconciliation = (await _hub.Get<Hub.Workflows.Reconciliation.ReconciliationService>().CompareAsync(TestHub.Q3, null, default)).Result;
        var version1 = thirty with { Units = thirty.Units.Select(u => u with { Total = u.Total + 0.25 }).ToList() };
        var context = new ReportContext(info, thirty, version1, [], Hub.Domain.Targets.TargetProgress.Compute(thirty, catalog), reconciliation, [])
        {
            PreviousPeriod = earlier,
            National = await _hub.Get<Hub.Storage.Portal.NationalRankingRepository>().LatestAsync(TestHub.Q3, default),
        };
        var folder = Directory.CreateTempSubdirectory("print-");
        foreach (var f in ReportRenderer.RenderReadable(context))
        {
            var path = Path.Combine(folder.FullName, f.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, f.Content);
        }
        var html = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "index.html"));
        Assert.Contains("counter(page)", html);
        Assert.Contains("@top-left { content: \"Chỉ số phục vụ người dân, doanh nghiệp — Bộ Tài chính — Quý III/2026, phiên bản 2\"", html);
        Assert.Contains("id=\"doi-chieu\"", html);
        Assert.Contains("id=\"thay-doi\"", html);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        // A4 less the margins is 186 mm, 703 CSS pixels: laid out for print at that width, the ranking's last column
        // (the totals as bars) ends inside the page, and nothing on the page scrolls sideways (a frame would cut it).
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 703, Height = 1000 } });
        await page.GotoAsync(new Uri(Path.Combine(folder.FullName, "index.html")).AbsoluteUri);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var lastColumn = await page.Locator("#bang-xep-hang tbody tr:first-child td.bar-col").BoundingBoxAsync();
        Assert.NotNull(lastColumn);
        Assert.True(lastColumn!.X + lastColumn.Width <= 703.5, $"the ranking's last column ends at {lastColumn.X + lastColumn.Width:0} px of 703");
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.table-wrap')].every(w => w.scrollWidth <= w.clientWidth + 1)"), "a table is wider than the printed page");
        Assert.False(await page.Locator("#bieu-do-tong-diem").IsVisibleAsync());
        Assert.True(await page.Locator("#bieu-do-nhom").IsVisibleAsync());

        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        var pages = System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?!s)").Count;
        Assert.InRange(pages, 1, 4);
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task The_report_reads_right_in_a_real_browser()
    {
        const string chromium = "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), "Debian's chromium is not installed (scripts/test.sh installs it with apt-get).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.RequestFailed += (_, r) => errors.Add($"request failed: {r.Url}");

        var response = await page.GotoAsync(new Uri(_server.BaseUrl, $"api/reports/{Period}").ToString());
        Assert.Equal(200, response!.Status);
        Assert.EndsWith($"/api/reports/{Period}/v1/index.html", page.Url);
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        var text = await page.InnerTextAsync("body");
        Assert.DoesNotContain('\uFFFD', text);
        Assert.Contains("Bảng xếp hạng các đơn vị", text);
        Assert.Contains("Quý III/2026", text);

        // The table's totals are the JSON's.
        var json = await (await _http.GetAsync($"api/reports/{Period}/v1/index.json")).Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(json);
        var totals = doc.RootElement.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("code").GetString()!,
            u => u.GetProperty("total").ValueKind == JsonValueKind.Number ? u.GetProperty("total").GetDouble() : (double?)null);
        var rows = await page.Locator("#bang-xep-hang tbody tr").AllAsync();
        Assert.Equal(totals.Count, rows.Count);
        foreach (var row in rows)
        {
            var code = (await row.GetAttributeAsync("data-unit"))!;
            var shown = await row.Locator("td.total").GetAttributeAsync("data-total");
            var expected = totals[code];
            if (expected is null) Assert.Equal("", shown);
            else Assert.Equal(expected.Value, double.Parse(shown!, System.Globalization.CultureInfo.InvariantCulture), 9);
            Assert.Equal(expected is null ? "–" : expected.Value.ToString("0.00", Vietnamese.Culture), (await row.Locator("td.total").InnerTextAsync()).Trim());
        }

        // Every chart is there, decoded, with a size.
        var charts = await page.Locator("img.chart").AllAsync();
        Assert.True(charts.Count >= 3, $"{charts.Count} charts");
        foreach (var chart in charts)
            Assert.True(await chart.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0 && i.naturalHeight > 0"), $"chart {await chart.GetAttributeAsync("id")} is empty");
        // At print resolution: twice the pixels of the width it is shown at.
        foreach (var chart in charts)
            Assert.True(await chart.EvaluateAsync<bool>("i => i.naturalWidth === 2 * Number(i.getAttribute('width'))"), $"chart {await chart.GetAttributeAsync("id")} is not drawn at twice its width");

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "report.png"), FullPage = false });

        // A unit link leads to its drill-down page, and back.
        await page.ClickAsync("#bang-xep-hang a[href='units/G12.01.html']");
        Assert.EndsWith("/v1/units/G12.01.html", page.Url);
        Assert.Contains("G12.01", await page.InnerTextAsync("h1"));
        Assert.True(await page.Locator("#bang-chi-tieu tbody tr").CountAsync() > 0);
        Assert.True(await page.Locator("img.chart").First.EvaluateAsync<bool>("i => i.naturalWidth > 0"));
        Assert.DoesNotContain('\uFFFD', await page.InnerTextAsync("body"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "unit.png"), FullPage = false });
        await page.ClickAsync("#ve-bao-cao-chung");
        Assert.EndsWith("/v1/index.html", page.Url);

        Assert.Empty(errors);
    }
}
