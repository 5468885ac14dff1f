using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.Sources.Common;
using Hub.Storage.Evidence;
using Hub.Storage.Sync;
using Hub.Workflows.Steering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Workflows.Sync;

/// <summary>Dossiers pushed by the ministry's one-stop systems in the portal's own sync format (HoSoDongBoDVC), handled
/// exactly as a pulled page: the raw batch archived redacted, every record through the same mapping and versioned
/// upsert (a re-delivered or older version changes nothing), the bad ones quarantined with their reasons; then the
/// live snapshots of the units it touched. The caller acknowledges only after this returns: stored means stored.</summary>
public sealed class PushIngestion(
    SyncRunner runner,
    RawArchive archive,
    QuarantineRepository quarantine,
    PersonalDataRedactor redactor,
    UnitRepository units,
    LiveFigureService live,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<PushIngestion> logger)
{
    /// <summary>The one feed that can be pushed today, and the source (mapping, storage) it goes through.</summary>
    public const string DossiersFeed = "dossiers";

    public static string SourceOf(string sender) => $"push:{sender}";

    /// <summary>Checks a sender's name and key; returns the sender or why not (the caller answers 401).</summary>
    public (PushSender? Sender, string? Problem) Authenticate(string? name, string? key)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(key)) return (null, "Name the sending system (x-hub-sender) and give its key (x-hub-sender-key).");
        if (!options.Value.Senders.TryGetValue(name, out var sender) || sender.Key is not { Length: > 0 } expected)
            return (null, "The sender or its key is not recognised.");
        // Compared in constant time; an unknown sender and a wrong key get the same answer.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(expected))
            ? (sender, null)
            : (null, "The sender or its key is not recognised.");
    }

    /// <summary>The batch's records, or why the batch as a whole is refused (400): not JSON, not a non-empty array of
    /// objects, or more records than a batch may hold.</summary>
    public (IReadOnlyList<JsonElement>? Records, string? Problem) Parse(byte[] body)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException e) { return (null, $"The batch is not valid JSON: {e.Message.Split(". Path:", 2)[0]}."); }
        using (doc)
        {
            var root = doc.RootElement;
            // The portal's page envelope ({data: [...]}) or a bare array, as the one-stop systems send it.
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data)) root = data;
            if (root.ValueKind != JsonValueKind.Array) return (null, "The batch must be a JSON array of dossier records (HoSoDongBoDVC), or {\"data\": [...]}.");
            var count = root.GetArrayLength();
            if (count == 0) return (null, "The batch holds no records.");
            if (count > options.Value.MaxRecords) return (null, $"The batch holds {count} records; at most {options.Value.MaxRecords} per batch.");
            var records = new List<JsonElement>(count);
            foreach (var r in root.EnumerateArray())
            {
                if (r.ValueKind != JsonValueKind.Object) return (null, $"Record {records.Count} is not a JSON object.");
                records.Add(r.Clone());
            }
            return (records, null);
        }
    }

    public async Task<PushOutcome> IngestAsync(string senderName, PushSender sender, byte[] body, IReadOnlyList<JsonElement> records, CancellationToken ct)
    {
        var source = runner.Source(PortalDossiersSource.SourceName);
        var origin = SourceOf(senderName);
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["SyncSource"] = origin });
        var started = clock.GetUtcNow();
        // A sender limited to some units: records for any other unit are quarantined, not stored.
        var (allowed, refused) = await SplitByUnitAsync(sender, records, ct);
        var batchKey = Convert.ToHexStringLower(SHA256.HashData(body));
        var rawBlob = await archive.SaveAsync(origin, DossiersFeed, batchKey, redactor.Redact(body), ct);
        var result = allowed.Count > 0
            ? await source.ApplyAsync(new RawPage(body, allowed.Select(a => a.Record).ToList(), false, null), ct)
            : new PageResult(0, 0, [], null);
        var bad = result.Bad.Select(b => new BadRecord(allowed[b.Index].Index, b.RecordId, b.Reason)).Concat(refused).OrderBy(b => b.Index).ToList();
        if (bad.Count > 0)
            await quarantine.AddAsync(bad.Select(b => new QuarantinedRecord(origin, b.RecordId, b.Reason, rawBlob, b.Index, clock.GetUtcNow())).ToList(), ct);
        var touched = result.Stored > 0
            ? allowed.Where((a, i) => result.Bad.All(b => b.Index != i)).Select(a => a.Unit).Where(u => u is not null).Select(u => u!).Distinct(StringComparer.Ordinal).ToList()
            : [];
        foreach (var unit in touched) await live.AfterSyncAsync(PortalDossiersSource.SourceName, unit, result.Stored, ct);
        logger.LogInformation("Push from {Sender}: {Records} records, {Stored} stored, {Stale} stale or skipped, {Quarantined} quarantined, {Units} units refreshed in {Elapsed} ms",
            senderName, records.Count, result.Stored, result.Stale, bad.Count, touched.Count, (clock.GetUtcNow() - started).TotalMilliseconds);
        return new PushOutcome(records.Count, result.Stored, result.Stale, bad, rawBlob, touched);
    }

    private async Task<(List<(int Index, JsonElement Record, string? Unit)> Allowed, List<BadRecord> Refused)> SplitByUnitAsync(PushSender sender, IReadOnlyList<JsonElement> records, CancellationToken ct)
    {
        HashSet<string>? permitted = null;
        if (sender.Units.Count > 0)
        {
            var tree = await units.LoadTreeAsync(ct);
            permitted = sender.Units.Where(tree.Contains).SelectMany(tree.Subtree).ToHashSet(StringComparer.Ordinal);
        }
        var allowed = new List<(int, JsonElement, string?)>();
        var refused = new List<BadRecord>();
        for (var i = 0; i < records.Count; i++)
        {
            var unit = UnitOf(records[i]);
            if (permitted is not null && unit is not null && !permitted.Contains(unit))
                refused.Add(new BadRecord(i, Text(records[i], "MaHoSo"), $"this sender may not send records of unit '{unit}'"));
            else allowed.Add((i, records[i], unit));
        }
        return (allowed, refused);
    }

    private static string? UnitOf(JsonElement record) => Text(record, "MaDonVi") is { Length: > 0 } u ? u : Text(record, "DonViXuLy");

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>What became of a pushed batch: records received, stored (new or newer), stale (an older or the same
/// version, or not yet a dossier the index counts), and the quarantined ones with their index and reason.</summary>
public sealed record PushOutcome(int Received, int Stored, int Stale, IReadOnlyList<BadRecord> Quarantined, string RawBlob, IReadOnlyList<string> UnitsRefreshed);
