using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Sources.Common;

namespace Hub.Simulators.Portal;

/// <summary>A dossier changing at the source while the hub runs: its next version, in the portal's sync format, as
/// the one-stop system sends it to the portal (and may push it to the hub).</summary>
public static class DossierChanges
{
    /// <summary>TrangThaiHoSo of a dossier returned to the applicant for supplement.</summary>
    public const int ReturnedForSupplement = 5;

    /// <summary>The latest version of every dossier in the feed, by id.</summary>
    public static Dictionary<string, FeedRecord> Latest(IReadOnlyList<FeedRecord> feed)
    {
        var latest = new Dictionary<string, FeedRecord>(StringComparer.Ordinal);
        foreach (var r in feed)
            if (!latest.TryGetValue(r.Id, out var seen) || r.Sequence > seen.Sequence) latest[r.Id] = r;
        return latest;
    }

    /// <summary>The dossier's next version: the status changed at <paramref name="at"/> (NgayCapNhat; the result date
    /// too when it is finished).</summary>
    public static FeedRecord NextVersion(FeedRecord latest, int status, DateTimeOffset at)
    {
        var node = latest.Record;
        node["TrangThaiHoSo"] = status;
        node["NgayCapNhat"] = PortalTime.Write(at);
        if (status == 10) node["NgayKetThucXuLy"] = PortalTime.Write(at);
        return latest with { UpdatedAt = PortalTime.Write(at), Sequence = latest.Sequence + 1, Json = JsonSerializer.SerializeToUtf8Bytes(node) };
    }

    /// <summary>Whether the version is open (received, not finished) and not yet returned: a dossier that can change.</summary>
    public static bool IsOpen(FeedRecord version)
    {
        using var doc = JsonDocument.Parse(version.Json);
        var root = doc.RootElement;
        return root.TryGetProperty("TrangThaiHoSo", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() is 2 or 4
            && root.TryGetProperty("NgayTiepNhan", out var r) && r.ValueKind == JsonValueKind.String;
    }

    /// <summary>The version as JSON text, for a pushed batch.</summary>
    public static JsonNode Json(FeedRecord version) => version.Record;
}
