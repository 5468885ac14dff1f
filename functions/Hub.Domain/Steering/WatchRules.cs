using Hub.Domain.Periods;
using Hub.Domain.Scoring;

namespace Hub.Domain.Steering;

/// <summary>The thresholds of the watch lists. DueSoonHours: how far ahead "due soon" looks. AcceptWithinHours: the
/// time a unit has to accept a dossier filed online (NgayNopHoSo to NgayTiepNhan) before it counts as accepted late.</summary>
public sealed record WatchOptions(double DueSoonHours = 48, double AcceptWithinHours = 24)
{
    public static readonly WatchOptions Default = new();
}

/// <summary>One row of a watch list: the dossier, the list it is on and by how many days it is late (null where
/// lateness does not apply: due soon, returned).</summary>
public sealed record WatchEntry(WatchKind Kind, WatchDossier Dossier, double? DaysLate);

/// <summary>The rules of the watch lists, as of an instant, for a period. "Now" lists (overdue, due soon, returned) are
/// the state at that instant, whenever the dossier was received; "period" lists (finished late, accepted late) are what
/// happened in the period up to that instant. All instants are compared as instants; Vietnam time only decides where a
/// period starts and ends, and the same-day rule of a dossier without a due date.</summary>
public static class WatchRules
{
    public static IEnumerable<WatchEntry> Classify(WatchDossier d, Period period, DateTimeOffset now, WatchOptions options)
    {
        if (d.IsReturned) yield return new WatchEntry(WatchKind.ReturnedForSupplement, d, null);
        else if (d.IsOpen && d.ReceivedAt <= now && d.DueAt is { } due)
        {
            if (due < now) yield return new WatchEntry(WatchKind.Overdue, d, Days(now - due));
            else if (due < now.AddHours(options.DueSoonHours)) yield return new WatchEntry(WatchKind.DueSoon, d, null);
        }
        if (d.FinishedAt is { } finished && finished <= now && period.Contains(finished)
            && !EvidenceAccumulator.IsOnTime(d.ReceivedAt, d.DueAt, finished))
        {
            // Without a due date the dossier was due by the end of the Vietnam day it was received.
            var late = finished - (d.DueAt ?? VietnamTime.StartOfDay(VietnamTime.LocalDate(d.ReceivedAt).AddDays(1)));
            yield return new WatchEntry(WatchKind.FinishedLate, d, Days(late));
        }
        if (AcceptedLateBy(d, options) is { } acceptedLate && d.ReceivedAt <= now && period.Contains(d.ReceivedAt))
            yield return new WatchEntry(WatchKind.AcceptedLate, d, Days(acceptedLate));
    }

    /// <summary>How long past the allowed time the unit took to accept the dossier; null if in time or unknown.</summary>
    public static TimeSpan? AcceptedLateBy(WatchDossier d, WatchOptions options) =>
        d.SubmittedAt is { } submitted && d.ReceivedAt - submitted is var took && took > TimeSpan.FromHours(options.AcceptWithinHours)
            ? took - TimeSpan.FromHours(options.AcceptWithinHours)
            : null;

    /// <summary>Whether a dossier can be on any list of the period as of some instant from now on: what a refresh keeps
    /// of a unit's dossiers (the rest — finished on time, or finished before the period — can never be).</summary>
    public static bool MayWatch(WatchDossier d, Period period, WatchOptions options) =>
        d.IsOpen
        || (d.FinishedAt is { } f && period.Contains(f) && !EvidenceAccumulator.IsOnTime(d.ReceivedAt, d.DueAt, f))
        || (period.Contains(d.ReceivedAt) && AcceptedLateBy(d, options) is not null);

    /// <summary>Days, to a tenth, never below zero.</summary>
    private static double Days(TimeSpan t) => Math.Max(0, Math.Round(t.TotalDays, 1, MidpointRounding.AwayFromZero));
}
