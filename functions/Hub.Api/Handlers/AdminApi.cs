using Hub.Api.Routes;
using Hub.Api.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Hub.Domain.Scoring;
using Hub.Storage.Alerts;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Domain.Periods;
using Hub.Storage.Publications;
using Hub.Storage.Scores;
using Hub.Workflows.Scoring;
using Hub.Workflows.Sync;
using Microsoft.DurableTask.Client;

namespace Hub.Api.Handlers;

/// <summary>The administrators' API, independent of the HTTP host: each method validates its parameters, does the
/// work and answers with a status and a JSON body (problem details on errors). Authentication happens before.</summary>
public sealed partial class AdminApi(
    ScoringStarter starter,
    ScoreRepository scores,
    PublicationRepository publications,
    SyncStatusService syncStatus,
    Hub.Workflows.Reconciliation.ReconciliationService reconciliation,
    Hub.Storage.Alerts.AlertRepository alerts,
    Hub.Workflows.Comparisons.ComparisonService comparisons)
{
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record ReasonBody(string? Reason = null);

    public sealed record ApprovalBody(bool? Approve, string? Comment = null);

    /// <summary>POST scoring/{period}: start (or re-run) the scoring of a period. Reason optional.</summary>
    public async Task<Results<JsonAccepted<RunStarted>, Problem>> StartScoringAsync(DurableTaskClient client, Period p, string? body, Caller by, CancellationToken ct)
    {
        if (!TryRead<ReasonBody>(body, out var request, out var bodyError)) return bodyError!;
        var reason = request?.Reason;
        if (reason is not null && ReasonProblem(reason) is { } problem) return problem;
        return await StartAsync(client, p, by, reason ?? "scoring requested by an administrator", ct);
    }

    /// <summary>POST publications/{period}: re-publish with a reason: re-scores with current data and makes the next version.</summary>
    public async Task<Results<JsonAccepted<RunStarted>, Problem>> RepublishAsync(DurableTaskClient client, Period p, string? body, Caller by, CancellationToken ct)
    {
        if (!TryRead<ReasonBody>(body, out var request, out var bodyError)) return bodyError!;
        if (request?.Reason is not { } reason) return Answer.BadRequest("'reason' is required: say why the period is re-published.");
        if (ReasonProblem(reason) is { } problem) return problem;
        if ((await publications.ListAsync(p, ct)).Count == 0)
            return Answer.Problem(409, "Nothing to re-publish", $"{p} has never been published; start its scoring instead (POST /api/scoring/{p}).");
        return await StartAsync(client, p, by, reason, ct);
    }

    private async Task<Results<JsonAccepted<RunStarted>, Problem>> StartAsync(DurableTaskClient client, Period p, Caller by, string reason, CancellationToken ct)
    {
        var (result, instanceId) = await starter.StartAsync(client, p, by.Name, reason, ct);
        var statusUrl = StatusUrl(p);
        return result switch
        {
            StartResult.AlreadyRunning => Answer.Problem(409, "Run in progress", $"A scoring run of {p} is in progress; wait for it to finish.",
                new Dictionary<string, object?> { ["instanceId"] = instanceId, ["statusUrl"] = statusUrl }),
            StartResult.BeforeFirstPeriod => Answer.BadRequest($"{p} is before the first period of the index (setting Scoring:FirstPeriod); nothing before it is scored."),
            StartResult.NotEnded => Answer.Problem(409, "Period not ended", $"{p} ends {p.End:yyyy-MM-dd HH:mm} (Vietnam time); a period is scored and published only once it has ended."),
            _ => Answer.Accepted(new RunStarted(instanceId, p.ToString(), statusUrl), statusUrl),
        };
    }

    /// <summary>GET scoring/{period}: run status, stage and progress.</summary>
    public async Task<Results<Json<RunStatus>, Problem>> RunStatusAsync(DurableTaskClient client, Period p, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(ScoringNames.InstanceId(p), getInputsAndOutputs: true, ct);
        if (instance is null) return Answer.NotFound($"{p} has never been scored.");
        return Answer.Ok(new RunStatus(
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            instance.SerializedCustomStatus is { } s ? JsonSerializer.Deserialize<ScoringProgress>(s, Json) : null,
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<ScoringOutcome>() : null,
            instance.FailureDetails?.ErrorMessage));
    }

    /// <summary>POST publications/{period}/approval: approve or reject the publication waiting at the gate.</summary>
    public async Task<Results<JsonAccepted<DecisionTaken>, Problem>> DecideAsync(DurableTaskClient client, Period p, string? body, Caller by, CancellationToken ct)
    {
        if (!TryRead<ApprovalBody>(body, out var request, out var bodyError)) return bodyError!;
        if (request?.Approve is not { } approve) return Answer.BadRequest("'approve' (true or false) is required.");
        if (request.Comment is { Length: > MaxReasonLength }) return Answer.BadRequest($"'comment' is longer than {MaxReasonLength} characters.");
        if (Hub.Domain.Text.SafeText.Problem("comment", request.Comment) is { } unsafeComment) return Answer.BadRequest(unsafeComment);
        var scoring = await client.GetInstanceAsync(ScoringNames.InstanceId(p), getInputsAndOutputs: true, ct);
        if (scoring is null) return Answer.NotFound($"{p} has never been scored.");
        var progress = scoring.SerializedCustomStatus is { } s ? JsonSerializer.Deserialize<ScoringProgress>(s, Json) : null;
        if (scoring.RuntimeStatus != OrchestrationRuntimeStatus.Running || progress?.Stage != RunStages.AwaitingApproval || progress.RunId is null)
            return Answer.Problem(409, "No publication awaiting approval", $"The run of {p} is {scoring.RuntimeStatus} ({progress?.Stage ?? "no stage"}), not waiting for approval.");
        var gateId = ScoringNames.GateInstanceId(scoring.InstanceId, progress.RunId);
        var gate = await client.GetInstanceAsync(gateId, ct);
        if (gate is null || gate.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            return Answer.Problem(409, "Approval gate not open yet", "The publication is about to wait for approval; try again in a moment.", retryAfter: 2);
        await client.RaiseEventAsync(gateId, ScoringNames.ApprovalEvent, new ApprovalDecision(approve, by.Name, request.Comment), ct);
        return Answer.Accepted(new DecisionTaken(p.ToString(), approve ? "approved" : "rejected", by.Name, StatusUrl(p)), StatusUrl(p));
    }

    /// <summary>GET publications/{period}: every version, oldest first.</summary>
    public async Task<Json<PublicationHistory>> ListPublicationsAsync(Period p, CancellationToken ct)
    {
        var (versions, unchanged) = await publications.HistoryAsync(p, ct);
        return Answer.Ok(new PublicationHistory(p.ToString(), versions, unchanged));
    }

    /// <summary>GET scores/{period}[?unit=CODE]: the period's scores, or one unit's with its explanation.</summary>
    public async Task<Results<Json<PeriodScores>, Json<StoredScore>, Problem>> ScoresAsync(Period p, string? unit, CancellationToken ct)
    {
        if (unit is not null)
        {
            if (!UnitCodePattern().IsMatch(unit)) return Answer.BadRequest($"Unit code '{Truncate(unit)}' is not valid (letters, digits, '.', '-', '_'; at most 40).");
            var one = await scores.GetUnitAsync(p, unit, ct);
            return one is null ? Answer.NotFound($"No score of unit '{unit}' for {p}.") : Answer.Ok(one);
        }
        var all = await scores.GetPeriodAsync(p, ct);
        if (all.Count == 0) return Answer.NotFound($"{p} has no scores yet.");
        return Answer.Ok(new PeriodScores(p.ToString(), all[0].Methodology, all[0].RunId,
            all.Select(s => new UnitScoreLine(s.Unit.Code, s.Unit.Name, s.Unit.ParentCode, s.Unit.Total, s.Unit.Band, s.Unit.Rank, s.Unit.Groups)).ToList()));
    }

    /// <summary>GET reconciliation/{period}[?unit=CODE]: the hub's figures against the portal's latest capture.</summary>
    public async Task<Results<Json<Hub.Domain.Portal.Reconciliation>, Problem>> ReconciliationAsync(Period p, string? unit, CancellationToken ct)
    {
        if (unit is not null && !UnitCodePattern().IsMatch(unit))
            return Answer.BadRequest($"Unit code '{Truncate(unit)}' is not valid (letters, digits, '.', '-', '_'; at most 40).");
        var outcome = await reconciliation.CompareAsync(p, unit, ct);
        if (outcome.Result is not { } result) return Answer.NotFound(outcome.Missing!);
        if (unit is not null && result.Units.Count == 0) return Answer.NotFound($"No score of unit '{unit}' for {p}.");
        return Answer.Ok(result);
    }

    public sealed record ComparisonBody(string? Methodology);

    /// <summary>GET alerts[?unit=&amp;state=open|closed]: raised and closed alerts with their evidence.</summary>
    public async Task<Results<Json<AlertList>, Problem>> AlertsAsync(string? unit, string? state, CancellationToken ct)
    {
        if (unit is not null && unit != "*" && !UnitCodePattern().IsMatch(unit)) return Answer.BadRequest($"Unit code '{Truncate(unit)}' is not valid.");
        if (state is not (null or "open" or "closed")) return Answer.BadRequest("'state' is open or closed.");
        var list = (await alerts.ListAsync(ct)).Where(a => (unit is null || a.Unit == unit) && (state is null || a.State == state))
            .OrderByDescending(a => a.State == "open").ThenByDescending(a => a.RaisedAt).ToList();
        return Answer.Ok(new AlertList(list.Count, list));
    }

    /// <summary>GET provisional/{period}[?unit=]: the provisional index of a running period, clearly labelled, with the
    /// daily series so far.</summary>
    public async Task<Results<Json<ProvisionalIndex>, Problem>> ProvisionalAsync(Period p, string? unit, CancellationToken ct)
    {
        if (unit is not null && !UnitCodePattern().IsMatch(unit)) return Answer.BadRequest($"Unit code '{Truncate(unit)}' is not valid.");
        var series = await scores.GetProvisionalSeriesAsync(p, ct);
        if (series.Count == 0) return Answer.NotFound($"{p} has no provisional figures.");
        var latest = series[^1];
        return Answer.Ok(new ProvisionalIndex(
            true,
            "Provisional figures of a period still running, computed with the data so far: not a publication.",
            p.ToString(),
            latest.AsOf,
            latest.Scores[0].Methodology,
            latest.Scores.Where(s => unit is null || s.Unit.Code == unit).Select(s => new UnitScoreLine(s.Unit.Code, s.Unit.Name, s.Unit.ParentCode, s.Unit.Total, s.Unit.Band, s.Unit.Rank, s.Unit.Groups)).ToList(),
            series.Select(x => new ProvisionalPoint(x.AsOf, x.Scores.Where(s => unit is null || s.Unit.Code == unit).ToDictionary(s => s.Unit.Code, s => s.Unit.Total))).ToList()));
    }

    /// <summary>POST comparisons/{period} {methodology}: the period re-scored under another methodology, stored; its
    /// publications untouched.</summary>
    public async Task<Results<JsonCreated<StoredComparison>, Problem>> CompareAsync(Period p, string? body, CancellationToken ct)
    {
        if (!TryRead<ComparisonBody>(body, out var request, out var bodyError)) return bodyError!;
        if (request?.Methodology is not { Length: > 0 } methodology) return Answer.BadRequest("'methodology' is required (for example 766-2022).");
        var outcome = await comparisons.CompareAsync(p, methodology, ct);
        return outcome.Comparison is { } c
            ? Answer.Created(new StoredComparison(p.ToString(), outcome.Blob!, c), $"/api/comparisons/{p}")
            : Answer.Problem(outcome.Status, outcome.Status == 404 ? "Not found" : outcome.Status == 409 ? "Conflict" : "Invalid request", outcome.Problem!);
    }

    /// <summary>GET comparisons/{period}: the latest comparison stored for the period.</summary>
    public async Task<Results<Json<MethodologyComparison>, Problem>> LatestComparisonAsync(Period p, CancellationToken ct) =>
        await comparisons.LatestAsync(p, ct) is { } c ? Answer.Ok(c) : Answer.NotFound($"No comparison of {p} is stored (POST /api/comparisons/{p}).");

    /// <summary>GET sync/status.</summary>
    public async Task<Json<SyncStatus>> SyncStatusAsync(CancellationToken ct) => Answer.Ok(await syncStatus.GetAsync(ct));

    public static string StatusUrl(Period p) => $"/api/scoring/{p}";

    internal static Problem? ReasonProblem(string reason) =>
        Hub.Domain.Text.SafeText.Problem("reason", reason) is { } unsafeText ? Answer.BadRequest(unsafeText)
        : reason.Trim().Length < MinReasonLength || reason.Length > MaxReasonLength
            ? Answer.BadRequest($"'reason' must be {MinReasonLength} to {MaxReasonLength} characters.")
            : null;

    internal static bool TryRead<T>(string? body, out T? value, out Problem? problem) where T : class
    {
        value = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(body)) return true;
        if (body.Length > ApiRouter.MaxBodyBytes) { problem = Answer.TooLarge(ApiRouter.MaxBodyBytes); return false; }
        try { value = JsonSerializer.Deserialize<T>(body, Json); return true; }
        catch (JsonException e) { problem = Answer.BadRequest($"The body is not valid JSON: {e.Message.Split(". Path:", 2)[0]}."); return false; }
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,40}$")]
    private static partial Regex UnitCodePattern();
}

public sealed record RunStarted(string InstanceId, string Period, string StatusUrl);

public sealed record RunStatus(string InstanceId, string Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, ScoringProgress? Progress, ScoringOutcome? Outcome, string? Failure);

public sealed record DecisionTaken(string Period, string Decision, string By, string StatusUrl);

public sealed record PublicationHistory(string Period, IReadOnlyList<Publication> Publications, IReadOnlyList<UnchangedRepublication> UnchangedRequests);

public sealed record PeriodScores(string Period, string Methodology, string RunId, IReadOnlyList<UnitScoreLine> Units);

public sealed record UnitScoreLine(string Code, string Name, string? ParentCode, double? Total, string? Band, int? Rank, IReadOnlyList<GroupResult> Groups);

public sealed record AlertList(int Count, IReadOnlyList<StoredAlert> Alerts);

public sealed record ProvisionalIndex(bool Provisional, string Notice, string Period, DateTimeOffset AsOf, string Methodology, IReadOnlyList<UnitScoreLine> Units, IReadOnlyList<ProvisionalPoint> Series);

public sealed record ProvisionalPoint(DateTimeOffset AsOf, IReadOnlyDictionary<string, double?> Totals);

public sealed record StoredComparison(string Period, string Stored, MethodologyComparison Comparison);
