using System.Text.Json.Serialization;

namespace Hub.Domain.Audit;

// Wire shapes of the audit file (docs/methodology-766-2022.md, "Audit file format"). Everything is read as text
// first so that a bad value is reported with its record and field, not as a serializer stack trace.

public sealed record UnitRecord(string? Code, string? Name, string? ParentCode);

public sealed record ProcedureRecord(
    string? Code, string? UnitCode, string? EffectiveFrom, string? EffectiveTo, string? DecisionEffectiveAt,
    string? PublishedAt, bool? Complete, string? OnlineLevel);

public sealed record DossierRecord(
    string? Id, string? UnitCode, string? ProcedureCode, string? Channel, string? ReceivedAt, string? DueAt,
    string? FinishedAt, string? PortalSyncedAt, bool? FeeRequired, bool? PaidOnline, bool? Digitized,
    bool? ElectronicResult, bool? ReusedData);

public sealed record FeedbackRecord(string? Id, string? UnitCode, string? ReceivedAt, string? DueAt, string? AnsweredAt);

/// <summary>A rating; <c>id</c> (the portal's MaDanhGia) is optional: without it, a dossier's rating is identified by the
/// dossier (one rating per dossier).</summary>
public sealed record RatingRecord(string? DossierId, string? UnitCode, string? RatedAt, string? Level, string? Id = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(UnitRecord))]
[JsonSerializable(typeof(ProcedureRecord))]
[JsonSerializable(typeof(DossierRecord))]
[JsonSerializable(typeof(FeedbackRecord))]
[JsonSerializable(typeof(RatingRecord))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
