using Hub.Domain.Evidence;
using Hub.Domain.Periods;

namespace Hub.Domain.Steering;

/// <summary>The period-end forecast. "As is": the period scored with what is known now — an open dossier due before
/// the period ends counts as overdue, as it will if nothing moves. "Best case": every open dossier still in time and
/// due in the period finishes on time (at its due date, with its electronic result). The difference is the points
/// recoverable, and those dossiers are the ones that matter, soonest due first.</summary>
public static class Forecast
{
    /// <summary>Open, not back with the applicant, and due from now to the end of the period.</summary>
    public static bool IsRecoverable(WatchDossier d, Period period, DateTimeOffset now) =>
        d.IsOpen && !d.IsReturned && d.DueAt is { } due && due >= now && due < period.End;

    /// <summary>The dossier as the best case counts it.</summary>
    public static Dossier FinishedOnTime(Dossier d) => d with { FinishedAt = d.DueAt, ElectronicResult = true };
}
