using System.Net;
using EvaluationAnswer = Hub.Simulators.Portal.Evaluation.EvaluationResponses.Answer;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Simulators.Portal;

/// <summary>A stand-in for the National Public Service Portal's sync API on loopback (agency and procedure catalogues,
/// dossier feed, ratings, PAKN) and for the population and business registries' sharing logs, in the portal's envelope ({error_code, message, data, con_tiep, sau}), paged by
/// keyset cursor, behind an API key, with injectable faults.</summary>
public sealed class PortalSimulator : IAsyncDisposable
{
    public const int MaxPageSize = 1000;
    private readonly WebApplication _app;

    private PortalSimulator(WebApplication app, PortalDataSet data, FaultPlan faults, string apiKey)
    {
        _app = app;
        Data = data;
        _dossiers = data.Dossiers;
        Faults = faults;
        ApiKey = apiKey;
    }

    public PortalDataSet Data { get; }
    public FaultPlan Faults { get; }

    // The dossier feed as served: the generated versions, then those appended since (a dossier changing at the source
    // while the hub runs). Replaced whole on append, so a page in flight keeps reading the feed it started on.
    private IReadOnlyList<FeedRecord> _dossiers;

    /// <summary>The dossier feed as served now: generated, then appended.</summary>
    public IReadOnlyList<FeedRecord> Dossiers => Volatile.Read(ref _dossiers);

    /// <summary>New versions of dossiers at the source, served from the next request on. Each must page after
    /// everything served so far (the portal stamps a change with its own NgayCapNhat, later than what it holds).</summary>
    public void AppendDossierVersions(IReadOnlyList<FeedRecord> records)
    {
        lock (_byUnit)
        {
            var current = _dossiers;
            var last = current.Count > 0 ? current[^1] : null;
            foreach (var r in records.OrderBy(r => r.UpdatedAt, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Sequence))
            {
                if (last is not null && PagingOrder(r, last) <= 0)
                    throw new ArgumentException($"Record {r.Id} ({r.UpdatedAt}) would page before the feed's last record ({last.UpdatedAt}): the source stamps changes later.", nameof(records));
                last = r;
            }
            var next = new List<FeedRecord>(current.Count + records.Count);
            next.AddRange(current);
            next.AddRange(records.OrderBy(r => r.UpdatedAt, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Sequence));
            _byUnit.Remove(current);
            Volatile.Write(ref _dossiers, next);
        }
    }
    public string ApiKey { get; }
    public Uri BaseUrl { get; private set; } = default!;

    /// <summary>Requests served, by path: tests use it to see retries happen.</summary>
    public int RequestCount => _requests;
    private int _requests;
    private int _refused;

    /// <summary>Requests refused for their API key (missing, wrong, or the text of a Key Vault reference).</summary>
    public int RefusedRequestCount => _refused;

    public static async Task<PortalSimulator> StartAsync(PortalDataSet data, string apiKey, int port = 0, ILoggerFactory? loggerFactory = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, Hosting.ManualLifetime>();
        if (loggerFactory is not null) builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var sim = new PortalSimulator(app, data, new FaultPlan(), apiKey);
        sim._evaluation = new Lazy<Evaluation.EvaluationResponses>(() => new Evaluation.EvaluationResponses(data));
        sim.Map();
        await app.StartAsync();
        var address = app.Urls.First();
        sim.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return sim;
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            if (Faults.TryTake(out var fault))
            {
                if (fault.Delay > TimeSpan.Zero) await Task.Delay(fault.Delay, context.RequestAborted);
                if (fault.Status is { } status)
                {
                    context.Response.StatusCode = (int)status;
                    if (fault.RetryAfter is { } after) context.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString();
                    await context.Response.WriteAsync("simulated fault");
                    return;
                }
            }
            if (context.Request.Headers["X-Api-Key"] != ApiKey)
            {
                Interlocked.Increment(ref _refused);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { error_code = "401", message = "API key missing, wrong or expired" });
                return;
            }
            await next(context);
        });
        _app.MapGet("/api/v1/coquan", (HttpRequest r) => Page(Data.Agencies, r, scoped: false));
        _app.MapGet("/api/v1/tthc", (HttpRequest r) => Page(Data.Procedures, r, scoped: true));
        _app.MapGet("/api/v1/hoso/dongbo", (HttpRequest r) => Page(Dossiers, r, scoped: true));
        _app.MapGet("/api/v1/danhgia", (HttpRequest r) => Page(Data.Ratings, r, scoped: true));
        _app.MapGet("/api/v1/pakn", (HttpRequest r) => Page(Data.Feedback, r, scoped: true));
        // The registries' sharing logs, served by the same loopback stand-in under their own paths.
        _app.MapGet("/api/v1/dancu/nhatky", (HttpRequest r) => Page(Data.PopulationLog, r, scoped: true));
        _app.MapGet("/api/v1/doanhnghiep/nhatky", (HttpRequest r) => Page(Data.BusinessLog, r, scoped: true));
        // The portal's published evaluation (six endpoints, POST, HTTP 201).
        _app.MapPost("/api/v1/reporting/evaluation/{endpoint}", (RequestDelegate)(async context =>
        {
            EvaluationAnswer answer;
            try
            {
                using var body = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                answer = _evaluation.Value.Respond((string)context.Request.RouteValues["endpoint"]!, body.RootElement);
            }
            catch (System.Text.Json.JsonException)
            {
                answer = new EvaluationAnswer(400, """{"code":"BAD_REQUEST","data":null,"message":"Body không phải JSON"}"""u8.ToArray());
            }
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        }));
    }

    private readonly Dictionary<IReadOnlyList<FeedRecord>, Dictionary<string, FeedRecord[]>> _byUnit = [];
    private Lazy<Evaluation.EvaluationResponses> _evaluation = default!;

    private IResult Page(IReadOnlyList<FeedRecord> all, HttpRequest request, bool scoped)
    {
        var size = int.TryParse(request.Query["kichthuoc"], out var k) ? Math.Clamp(k, 1, MaxPageSize) : 100;
        var unit = scoped ? request.Query["madonvi"].ToString() : "";
        var after = request.Query["sau"].ToString();
        IReadOnlyList<FeedRecord> feed = all;
        if (unit.Length > 0)
        {
            Dictionary<string, FeedRecord[]> byUnit;
            lock (_byUnit)
                if (!_byUnit.TryGetValue(all, out byUnit!))
                    _byUnit[all] = byUnit = all.GroupBy(r => r.UnitCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            feed = byUnit.GetValueOrDefault(unit) ?? [];
        }

        // Keyset paging: records strictly after the cursor, in (update time, id, sequence) order.
        var start = 0;
        if (!string.IsNullOrEmpty(after))
        {
            var parts = after.Split('|');
            if (parts.Length != 3 || !int.TryParse(parts[2], out var seq))
                return Results.Json(new { error_code = "2", message = $"Tham số 'sau' không hợp lệ: {after}" }, statusCode: 400);
            start = LowerBound(feed, parts[0], parts[1], seq);
        }
        // Written straight from the records (no copy of each record, no tree of the page): the simulator stands in for
        // a system that is not ours, and what it spends here is taken from the hub on the same machine.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(size * 1024);
        string? last = null;
        var i = start;
        var duplicate = Faults.TakeDuplicatePage();
        bool more;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error_code", "0");
            writer.WriteString("message", "Thành công");
            writer.WriteStartArray("data");
            for (var written = 0; i < feed.Count && written < size; i++)
            {
                writer.WriteRawValue(feed[i].Json, skipInputValidation: true);
                written++;
                if (duplicate) { writer.WriteRawValue(feed[i].Json, skipInputValidation: true); written++; }
                last = feed[i].Cursor;
            }
            writer.WriteEndArray();
            more = i < feed.Count;
            writer.WriteBoolean("con_tiep", more);
            var cursor = last ?? (string.IsNullOrEmpty(after) ? null : after);
            if (cursor is null) writer.WriteNull("sau"); else writer.WriteString("sau", cursor);
            writer.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    /// <summary>The feed's paging order: update time, record id, version sequence.</summary>
    private static int PagingOrder(FeedRecord a, FeedRecord b)
    {
        var c = string.CompareOrdinal(a.UpdatedAt, b.UpdatedAt);
        if (c == 0) c = string.CompareOrdinal(a.Id, b.Id);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    }

    private static int LowerBound(IReadOnlyList<FeedRecord> feed, string updated, string id, int seq)
    {
        int lo = 0, hi = feed.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            var r = feed[mid];
            var c = string.CompareOrdinal(r.UpdatedAt, updated);
            if (c == 0) c = string.CompareOrdinal(r.Id, id);
            if (c == 0) c = r.Sequence.CompareTo(seq);
            if (c <= 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
