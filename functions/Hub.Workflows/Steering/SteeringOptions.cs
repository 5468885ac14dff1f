using Hub.Domain.Periods;
using Hub.Domain.Steering;

namespace Hub.Workflows.Steering;

/// <summary>Watch lists and live figures (section Steering).</summary>
public sealed class SteeringOptions
{
    public const string Section = "Steering";

    /// <summary>How far ahead "due soon" looks.</summary>
    public double DueSoonHours { get; set; } = WatchOptions.Default.DueSoonHours;

    /// <summary>How long a unit may take to accept a dossier filed online before it counts as accepted late.</summary>
    public double AcceptWithinHours { get; set; } = WatchOptions.Default.AcceptWithinHours;

    /// <summary>The running periods kept live: the month and the quarter by default.</summary>
    public List<PeriodKind> LivePeriods { get; set; } = [PeriodKind.Month, PeriodKind.Quarter];

    /// <summary>A snapshot older than this is taken again after a sync even when nothing changed: the forecast and
    /// the "recoverable" dossiers move with the clock, not only with the data.</summary>
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromHours(1);

    public WatchOptions Watch => new(DueSoonHours, AcceptWithinHours);
}
