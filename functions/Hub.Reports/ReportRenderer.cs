using Hub.Domain.Publications;
using Hub.Domain.Evidence;
using Hub.Domain.Audit;
using Hub.Domain.Scoring;

namespace Hub.Reports;

/// <summary>Renders the files of a publication: the data files from the index result (their hash is the identity of
/// the publication's content), and the readable reports from the data and the publication record.</summary>
public static class ReportRenderer
{
    public const string HtmlContentType = "text/html; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>index.html, units/{code}.html for every unit, index.xlsx; for a reporting period, bao-cao.docx.</summary>
    public static IReadOnlyList<ReportFile> RenderReadable(Readable.ReportContext context)
    {
        var catalog = Hub.Domain.Catalog.IndexCatalogs.Get(context.Result.Methodology);
        var files = new List<ReportFile>
        {
            new("index.html", HtmlContentType, Readable.IndexPage.Render(context, catalog)),
            new("index.xlsx", XlsxContentType, Readable.WorkbookReport.Render(context, catalog)),
        };
        foreach (var unit in context.Result.Units)
            files.Add(new(Readable.UnitPage.FileName(unit.Code), HtmlContentType, Readable.UnitPage.Render(context, catalog, unit)));
        if (Official.QuarterlyReport.AppliesTo(context.Result.Period))
            files.Add(new(Official.QuarterlyReport.FileName, Official.QuarterlyReport.ContentType, Official.QuarterlyReport.Render(context, catalog)));
        return files;
    }

    /// <summary>The result as the public may read it: the explanation without the sample of dossier codes that cost
    /// points (a dossier code on the internet leads to its applicant; administrators read them over the API).</summary>
    public static IndexResult WithoutRecordCodes(IndexResult result) => result with
    {
        Units = result.Units.Select(u => u with { Indicators = u.Indicators.Select(i => i.Missed.Count == 0 ? i : i with { Missed = [] }).ToList() }).ToList(),
    };

    /// <param name="yearEarlier">The same period a year earlier, as published: the baseline of the growth targets.</param>
    public static IReadOnlyList<ReportFile> Render(IndexResult result, IndexResult? yearEarlier = null) =>
    [
        new("index.json", "application/json", IndexResultJson.ToBytes(WithoutRecordCodes(result), explain: true)),
        new("index.csv", "text/csv; charset=utf-8", CsvReport.Render(result)),
        // Tracked beside the index, never part of it.
        new("plan-targets.json", "application/json",
            Hub.Domain.Targets.TargetProgress.ToJson(result, Hub.Domain.Catalog.IndexCatalogs.Get(result.Methodology), yearEarlier)),
    ];

    /// <summary>SHA-256 over the files (name and content, in name order): the identity of a publication's content.</summary>
    public static string ContentHash(IEnumerable<ReportFile> files)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var f in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(f.Name + "\n"));
            sha.AppendData(System.Security.Cryptography.SHA256.HashData(f.Content));
        }
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
