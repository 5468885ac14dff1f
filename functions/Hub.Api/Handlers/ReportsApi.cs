using Hub.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.RegularExpressions;
using Hub.Domain.Periods;
using Hub.Storage.Publications;

namespace Hub.Api.Handlers;

/// <summary>The published reports, read-only and anonymous: the list of published periods, the latest version of a
/// period (a redirect to its immutable folder), and each file of a version with its content type, ETag (304 on
/// If-None-Match) and a year's cache (a published version never changes). Only the names a publication writes are
/// served: no path leads out of the reports container.</summary>
public sealed partial class ReportsApi(PublicationRepository publications)
{
    private const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>GET reports.</summary>
    public async Task<Json<PublishedPeriods>> ListAsync(CancellationToken ct)
    {
        var latest = await publications.LatestOfEveryPeriodAsync(ct);
        return Answer.Ok(new PublishedPeriods(
            latest.Select(p => new PublishedPeriod(p.Period, p.Version, p.PublishedAt, $"/api/reports/{p.Period}/v{p.Version}/index.html")).ToList()))
            .WithHeaders(("Cache-Control", "no-cache"));
    }

    /// <summary>GET reports/{period}: the latest version's report.</summary>
    public async Task<Results<JsonFound<LatestVersion>, Problem>> LatestAsync(Period p, CancellationToken ct)
    {
        var latest = await publications.LatestAsync(p, ct);
        if (latest is null) return Answer.NotFound($"{p} has not been published.");
        var url = $"/api/reports/{p}/v{latest.Version}/index.html";
        return new JsonFound<LatestVersion>(new LatestVersion(p.ToString(), latest.Version, url), url).WithHeaders(("Cache-Control", "no-cache"));
    }

    /// <summary>GET reports/{period}/v{n}/{file}.</summary>
    public async Task<Results<FileAnswer<PublishedFile>, NotModified, Problem>> FileAsync(Period p, string version, string? file, string? ifNoneMatch, CancellationToken ct)
    {
        if (VersionPattern().Match(version) is not { Success: true } v || !int.TryParse(v.Groups[1].Value, out var n) || n < 1)
            return Answer.NotFound($"'{Short(version)}' is not a version (v1, v2, ...).");
        if (file is null || file.Contains("..", StringComparison.Ordinal) || !FilePattern().IsMatch(file))
            return Answer.NotFound("No such report file: a version holds index.html, index.xlsx, index.csv, index.json, plan-targets.json, reconciliation.json, units/{code}.html and, for a reporting period, bao-cao.docx.");
        var found = await publications.TryReadFileAsync($"{p}/v{n}/{file}", ct);
        if (found is not { } f) return Answer.NotFound($"{p} version {n} has no file {file}.");
        (string, string)[] headers = [("ETag", f.ETag), ("Cache-Control", Immutable), ("X-Content-Type-Options", "nosniff")];
        if (ifNoneMatch is not null && ifNoneMatch.Split(',').Any(t => t.Trim() == f.ETag || t.Trim() == "*"))
            return new NotModified().WithHeaders(headers);
        // The content type each file was published with (ReportRenderer decides it once, at publication).
        return new FileAnswer<PublishedFile>(f.Content, string.IsNullOrEmpty(f.ContentType) ? "application/octet-stream" : f.ContentType).WithHeaders(headers);
    }

    private static string Short(string s) => s.Length <= 20 ? s : s[..20] + "…";

    [GeneratedRegex(@"^v([0-9]{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^(?:index\.(?:html|json|csv|xlsx)|bao-cao\.docx|plan-targets\.json|reconciliation\.json|sync-gaps\.json|units/[A-Za-z0-9_-][A-Za-z0-9._-]{0,39}\.html)$", RegexOptions.CultureInvariant)]
    private static partial Regex FilePattern();
}

public sealed record PublishedPeriods(IReadOnlyList<PublishedPeriod> Periods);

public sealed record PublishedPeriod(string Period, int LatestVersion, DateTimeOffset PublishedAt, string Url);

public sealed record LatestVersion(string Period, int Version, string Url);
