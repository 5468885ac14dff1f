using System.Globalization;
using System.Text.RegularExpressions;
using Hub.Api.Routes;
using Hub.Domain.Periods;
using Hub.Domain.Scoring;
using Hub.Domain.Steering;
using Hub.Domain.Units;
using Hub.Reports.Steering;
using Hub.Workflows.Steering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Api.Handlers;

/// <summary>What a unit head acts on before the period closes: the live figures and forecast, the watch lists, the
/// per-procedure breakdown. Administrators only: dossier codes lead to applicants' details, so none of this is in the
/// public reports.</summary>
public sealed partial class SteeringApi(SteeringService steering)
{
    public const int DefaultPageSize = 50;
    private const int TopDossiers = 10;

    /// <summary>GET live/{period}?unit=: the unit's live figures (its subtree pooled), the forecast, the watch counts.</summary>
    public async Task<Results<Json<LiveAnswer>, Problem>> LiveAsync(Period period, string? unit, CancellationToken ct)
    {
        if (steering.LiveProblem(period) is { } notLive) return Answer.NotFound(notLive);
        var (tree, problem) = await UnitAsync(unit, ct);
        if (problem is not null) return problem;
        var view = await steering.FiguresAsync(period, tree!, ct);
        // The watch counts from the snapshots the figures were read from: one read of them per request.
        var watch = steering.WatchList(period, unit!, tree!, view.Snapshots);
        var now = view.AsIs.Units.First(u => u.Code == unit);
        var best = view.BestCase.Units.First(u => u.Code == unit);
        return Answer.Ok(new LiveAnswer(
            period.ToString(), view.AsIs.Methodology, true,
            "Live figures of a running period from the records synced so far, refreshed after every sync of a unit: not a publication.",
            view.AsOf, watch.Now, watch.Missing,
            Figures.Of(now),
            new ForecastAnswer(now.Total, best.Total, view.PointsRecoverable(unit!), view.RecoverableCount(tree!, unit!),
                view.Recoverable(tree!, unit!, TopDossiers).Select(x => new RecoverableDossier(x.Dossier.Id, x.Dossier.UnitCode, x.Dossier.ProcedureCode, x.Dossier.ProcedureName, x.Dossier.DueAt!.Value, x.PointsEach)).ToList()),
            watch.Counts,
            view.Breakdown(tree!, unit!).Take(TopDossiers).ToList()));
    }

    /// <summary>GET watchlist/{period}?unit=&amp;kind=&amp;procedure=&amp;page=&amp;pageSize=&amp;format=json|csv|xlsx.</summary>
    public async Task<Results<Json<WatchListAnswer>, FileAnswer<Spreadsheet>, Problem>> WatchListAsync(Period period, string? unit, string? kind, string? procedure, string? page, string? pageSize, string? format, CancellationToken ct)
    {
        if (steering.LiveProblem(period) is { } notLive) return Answer.NotFound(notLive);
        WatchKind? list = null;
        if (kind is not null)
        {
            if (!WatchKinds.TryParse(kind, out var k)) return Answer.BadRequest($"'kind' must be one of {string.Join(", ", WatchKinds.All.Select(x => x.Name()))}.");
            list = k;
        }
        if (procedure is not null && !CodePattern().IsMatch(procedure)) return Answer.BadRequest("'procedure' is not a procedure code (MaTTHC).");
        if (!Positive(page, 1, int.MaxValue, out var pageNumber)) return Answer.BadRequest("'page' must be a whole number from 1.");
        if (!Positive(pageSize, DefaultPageSize, SteeringService.MaxPageSize, out var size)) return Answer.BadRequest($"'pageSize' must be a whole number from 1 to {SteeringService.MaxPageSize}.");
        if (format is not (null or "json" or "csv" or "xlsx")) return Answer.BadRequest("'format' must be json, csv or xlsx.");
        var (tree, problem) = await UnitAsync(unit, ct);
        if (problem is not null) return problem;
        var view = await steering.WatchListAsync(period, unit!, tree!, list, procedure, ct);
        var name = $"theo-doi-{unit}-{period}{(list is { } l ? "-" + l.Name() : "")}";
        if (format == "csv")
            return new FileAnswer<Spreadsheet>(WatchListExport.Csv(view.Rows.Take(SteeringService.MaxExportRows)), "text/csv; charset=utf-8", name + ".csv");
        if (format == "xlsx")
            return new FileAnswer<Spreadsheet>(WatchListExport.Xlsx(view.Rows.Take(SteeringService.MaxExportRows)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        return Answer.Ok(new WatchListAnswer(period.ToString(), unit!, view.Now, view.AsOf, view.Missing, view.Counts, view.Rows.Count, pageNumber, size,
            view.Rows.Skip((int)Math.Min(int.MaxValue, (long)(pageNumber - 1) * size)).Take(size).Select(WatchRow.Of).ToList()));
    }

    /// <summary>GET breakdown/{period}?unit=: every indicator per procedure, from the live snapshots of a running period
    /// or from the latest scoring run of a period already scored.</summary>
    public async Task<Results<Json<BreakdownAnswer>, Problem>> BreakdownAsync(Period period, string? unit, CancellationToken ct)
    {
        var (tree, problem) = await UnitAsync(unit, ct);
        if (problem is not null) return problem;
        if (steering.LiveProblem(period) is null)
        {
            var view = await steering.FiguresAsync(period, tree!, ct);
            return Answer.Ok(new BreakdownAnswer(period.ToString(), unit!, "live", view.AsOf, view.Breakdown(tree!, unit!)));
        }
        if (await steering.ScoredBreakdownAsync(period, tree!, ct) is not { } scored)
            return Answer.NotFound($"{period} is neither scored nor a running period kept live.");
        return Answer.Ok(new BreakdownAnswer(period.ToString(), unit!, "scored", null, scored.Breakdown.GetValueOrDefault(unit!) ?? []));
    }

    private async Task<(UnitTree? Tree, Problem? Problem)> UnitAsync(string? unit, CancellationToken ct)
    {
        if (unit is null) return (null, Answer.BadRequest("'unit' is required: the unit (with its subtree) to show."));
        if (!CodePattern().IsMatch(unit)) return (null, Answer.BadRequest("'unit' is not a valid unit code."));
        var tree = await steering.TreeAsync(ct);
        return tree.Contains(unit) ? (tree, null) : (null, Answer.NotFound($"Unit '{unit}' is not known."));
    }

    private static bool Positive(string? text, int fallback, int max, out int value)
    {
        value = fallback;
        if (text is null) return true;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,40}$")]
    private static partial Regex CodePattern();
}

public sealed record LiveAnswer(string Period, string Methodology, bool Live, string Notice, DateTimeOffset? AsOf, DateTimeOffset Now,
    IReadOnlyList<string> UnitsWithoutSnapshot, Figures Unit, ForecastAnswer Forecast, IReadOnlyDictionary<string, int> Watch, IReadOnlyList<ProcedureCost> Procedures);

public sealed record Figures(string Code, string Name, double? Total, string? Band, int? Rank, IReadOnlyList<GroupResult> Groups, IReadOnlyList<IndicatorResult> Indicators)
{
    public static Figures Of(UnitResult u) => new(u.Code, u.Name, u.Total, u.Band, u.Rank, u.Groups, u.Indicators);
}

/// <summary>AsIs: the period-end total if nothing moves; BestCase: if every open dossier due in the period finishes on time.</summary>
public sealed record ForecastAnswer(double? AsIs, double? BestCase, double? PointsRecoverable, int RecoverableDossiers, IReadOnlyList<RecoverableDossier> DossiersThatMatter);

public sealed record RecoverableDossier(string Id, string Unit, string ProcedureCode, string? ProcedureName, DateTimeOffset DueAt, double PointsEach);

public sealed record WatchListAnswer(string Period, string Unit, DateTimeOffset Now, DateTimeOffset? AsOf, IReadOnlyList<string> UnitsWithoutSnapshot,
    IReadOnlyDictionary<string, int> Counts, int Total, int Page, int PageSize, IReadOnlyList<WatchRow> Items);

public sealed record WatchRow(string Kind, string DossierId, string Unit, string ProcedureCode, string? ProcedureName, string Channel, int Status,
    DateTimeOffset? SubmittedAt, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, DateTimeOffset? FinishedAt, double? DaysLate)
{
    public static WatchRow Of(WatchEntry e) => new(e.Kind.Name(), e.Dossier.Id, e.Dossier.UnitCode, e.Dossier.ProcedureCode, e.Dossier.ProcedureName,
        e.Dossier.Channel.ToString().ToLowerInvariant(), e.Dossier.Status,
        Local(e.Dossier.SubmittedAt), VietnamTime.ToLocal(e.Dossier.ReceivedAt), Local(e.Dossier.DueAt), Local(e.Dossier.FinishedAt), e.DaysLate);

    private static DateTimeOffset? Local(DateTimeOffset? at) => at is { } t ? VietnamTime.ToLocal(t) : null;
}

public sealed record BreakdownAnswer(string Period, string Unit, string Source, DateTimeOffset? AsOf, IReadOnlyList<ProcedureCost> Procedures);
