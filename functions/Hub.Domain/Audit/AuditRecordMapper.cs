using System.Globalization;
using Hub.Domain.Evidence;
using Hub.Domain.Units;

namespace Hub.Domain.Audit;

/// <summary>Validates audit records and maps them to domain records. Errors name the record and the field.</summary>
public static class AuditRecordMapper
{
    public static Unit ToUnit(UnitRecord r, string where) =>
        new(Required(r.Code, where, "code"), r.Name ?? r.Code!, string.IsNullOrWhiteSpace(r.ParentCode) ? null : r.ParentCode);

    public static Procedure ToProcedure(ProcedureRecord r, string where)
    {
        where = Named(where, r.Code);
        return new Procedure(
            Required(r.Code, where, "code"),
            Required(r.UnitCode, where, "unitCode"),
            Instant(r.EffectiveFrom, where, "effectiveFrom"),
            OptionalInstant(r.EffectiveTo, where, "effectiveTo"),
            OptionalInstant(r.DecisionEffectiveAt, where, "decisionEffectiveAt"),
            OptionalInstant(r.PublishedAt, where, "publishedAt"),
            r.Complete ?? throw Missing(where, "complete"),
            r.OnlineLevel switch
            {
                "none" => OnlineLevel.None,
                "partial" => OnlineLevel.Partial,
                "full" => OnlineLevel.Full,
                null => throw Missing(where, "onlineLevel"),
                var other => throw new DomainException($"{where}: field 'onlineLevel' is '{other}'; expected none, partial or full."),
            });
    }

    public static Dossier ToDossier(DossierRecord r, string where)
    {
        where = Named(where, r.Id);
        return new Dossier(
            Required(r.Id, where, "id"),
            Required(r.UnitCode, where, "unitCode"),
            Required(r.ProcedureCode, where, "procedureCode"),
            r.Channel switch
            {
                "direct" => Channel.Direct,
                "online" => Channel.Online,
                "postal" => Channel.Postal,
                null => throw Missing(where, "channel"),
                var other => throw new DomainException($"{where}: field 'channel' is '{other}'; expected direct, online or postal."),
            },
            Instant(r.ReceivedAt, where, "receivedAt"),
            OptionalInstant(r.DueAt, where, "dueAt"),
            OptionalInstant(r.FinishedAt, where, "finishedAt"),
            OptionalInstant(r.PortalSyncedAt, where, "portalSyncedAt"),
            r.FeeRequired ?? throw Missing(where, "feeRequired"),
            r.PaidOnline ?? throw Missing(where, "paidOnline"),
            r.Digitized ?? throw Missing(where, "digitized"),
            r.ElectronicResult ?? throw Missing(where, "electronicResult"),
            r.ReusedData ?? throw Missing(where, "reusedData"));
    }

    public static FeedbackItem ToFeedback(FeedbackRecord r, string where)
    {
        where = Named(where, r.Id);
        return new FeedbackItem(Required(r.Id, where, "id"), Required(r.UnitCode, where, "unitCode"),
            Instant(r.ReceivedAt, where, "receivedAt"), Instant(r.DueAt, where, "dueAt"), OptionalInstant(r.AnsweredAt, where, "answeredAt"));
    }

    public static Rating ToRating(RatingRecord r, string where)
    {
        where = Named(where, r.DossierId);
        return new Rating(Required(r.DossierId, where, "dossierId"), Required(r.UnitCode, where, "unitCode"),
            Instant(r.RatedAt, where, "ratedAt"),
            r.Level switch
            {
                "verySatisfied" => RatingLevel.VerySatisfied,
                "satisfied" => RatingLevel.Satisfied,
                "neutral" => RatingLevel.Neutral,
                "dissatisfied" => RatingLevel.Dissatisfied,
                null => throw Missing(where, "level"),
                var other => throw new DomainException($"{where}: field 'level' is '{other}'; expected verySatisfied, satisfied, neutral or dissatisfied."),
            });
    }

    /// <summary>ISO 8601 with an explicit offset (Z or ±hh:mm): a time without offset is ambiguous and refused.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset value)
    {
        value = default;
        var t = text.AsSpan().Trim();
        var hasOffset = t.Length > 10 && (t[^1] is 'Z' or 'z' || (t.Length > 6 && t[^6] is '+' or '-' && t[^3] == ':'));
        return hasOffset && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static DateTimeOffset Instant(string? text, string where, string field) =>
        OptionalInstant(text, where, field) ?? throw Missing(where, field);

    private static DateTimeOffset? OptionalInstant(string? text, string where, string field)
    {
        if (text is null) return null;
        return TryParseInstant(text, out var value)
            ? value
            : throw new DomainException($"{where}: field '{field}' is '{text}', not an ISO 8601 timestamp with an offset (for example 2026-07-01T08:30:00+07:00).");
    }

    private static string Required(string? value, string where, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(where, field) : value;

    private static DomainException Missing(string where, string field) => new($"{where}: field '{field}' is required.");

    private static string Named(string where, string? id) => id is null ? where : $"{where} ('{id}')";
}
