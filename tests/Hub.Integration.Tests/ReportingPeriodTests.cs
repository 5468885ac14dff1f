using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Hub.Reports.Official;

namespace Hub.Integration.Tests;

/// <summary>A reporting period (15th to 14th, Decree 09/2019/NĐ-CP) through the main job: scored from the hub's own
/// counts, published beside the calendar periods, with the Word report officials send, read back here.</summary>
[Collection(AzuriteCollection.Name)]
public class ReportingPeriodTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_demo_publishes_a_reporting_quarter_with_a_Word_report_whose_figures_are_index_jsons()
    {
        var ns = AzuriteFixture.NewNamespace();
        var period = Period.Parse("2026-Q3-BC");
        var result = await DemoPipeline.RunAsync(new DemoOptions(period, new SyntheticScale(11, 10, 800, period)) { ReportsFolder = null, Settings = new Dictionary<string, string?> { ["StorageNamespace"] = ns } });
        Assert.Equal("published", result.Scoring.Publication.Status);
        Assert.Empty(result.Scoring.SyncGaps); // no capture of the portal is asked for: it publishes calendar periods only

        var storage = StorageClients.FromConnectionString(azurite.ConnectionString, ns);
        var publications = new PublicationRepository(storage);
        var publication = Assert.Single(await publications.ListAsync(period, default));
        Assert.Equal("766-2022", publication.Methodology); // Scoring:ReportingMethodology: every input counted by the hub
        Assert.Contains(QuarterlyReport.FileName, publication.Files);
        Assert.DoesNotContain("reconciliation.json", publication.Files);

        using var index = JsonDocument.Parse(await publications.ReadFileAsync($"{publication.Folder}/index.json", default));
        var units = index.RootElement.GetProperty("units").EnumerateArray().ToList();
        var docx = await publications.ReadFileAsync($"{publication.Folder}/{QuarterlyReport.FileName}", default);
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        var body = word.MainDocumentPart!.Document.Body!;
        var text = string.Join("\n", body.Elements<Paragraph>().Select(p => p.InnerText));
        Assert.Contains("Kỳ báo cáo quý III/2026 (15/06/2026 – 14/09/2026)", text);

        var tables = body.Elements<Table>().Select(t => t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList()).ToList();
        // 1. The ministry: its total in the text, its groups in the first table, as index.json has them.
        var root = units.Single(u => u.GetProperty("parentCode").ValueKind == JsonValueKind.Null);
        Assert.Contains($"tổng điểm {Number(root.GetProperty("total"))}/", text);
        var groups = tables[0].Skip(1).ToList();
        Assert.Equal(root.GetProperty("groups").EnumerateArray().Select(g => Number(g.GetProperty("score"))), groups.Select(r => r[1]));
        // 2. Every other unit ranked, with index.json's total, rank and band.
        var ranking = tables[1].Skip(1).ToDictionary(r => r[1]);
        Assert.Equal(units.Count - 1, ranking.Count);
        foreach (var u in units.Where(u => u.GetProperty("parentCode").ValueKind != JsonValueKind.Null))
        {
            var row = ranking[u.GetProperty("code").GetString()!];
            Assert.Equal(Number(u.GetProperty("total")), row[4]);
            Assert.Equal(u.GetProperty("rank").ValueKind == JsonValueKind.Null ? "–" : u.GetProperty("rank").GetInt32().ToString(), row[0]);
            Assert.Equal(u.GetProperty("band").ValueKind == JsonValueKind.Null ? "chưa đủ dữ liệu" : u.GetProperty("band").GetString(), row[5]);
        }
        // 3-5: the sections an official reads, in Vietnamese.
        Assert.Contains("3. Đơn vị xếp loại thấp, chỉ tiêu kế hoạch chưa đạt", text);
        Assert.Contains("Kỳ trước chưa được công bố", text);
        Assert.Contains("không theo kỳ báo cáo", text);

        // The HTML report names the period the same way.
        var html = await publications.ReadFileAsync($"{publication.Folder}/index.html", default);
        Assert.Contains("Kỳ báo cáo quý III/2026", Encoding.UTF8.GetString(html));
    }

    private static string Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? "–" : value.GetDouble().ToString("0.00", Hub.Reports.Readable.Vietnamese.Culture);
}
