using System.Text.Json;
using Hub.Domain.Periods;
using Hub.Domain.Portal;
using Hub.Sources.Common;
using Hub.Sources.Portal.Evaluation;
using Hub.Storage.Portal;

namespace Hub.Workflows.Sync;

/// <summary>The portal's own published evaluation, one work item per period (the running and the last closed month,
/// quarter and year). Each run takes a new capture of the six endpoints and keeps it beside the earlier ones: the
/// portal recomputes during the day, and a comparison uses one capture, never two.</summary>
public sealed class PortalEvaluationSource(PortalEvaluationClient client, PortalEvaluationRepository repository, TimeProvider clock)
    : CalendarPeriodSource(clock, "evaluation", PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Year)
{
    public const string SourceName = PortalEvaluationClient.SourceName;
    public override string Name => SourceName;

    public override string? ConfigurationProblem => client.CredentialProblem;

    /// <summary>Only the capture of the period being scored matters to its scoring; a reporting period has none (the
    /// portal publishes calendar periods only), and is scored from the hub's own counts (Scoring:ReportingMethodology).</summary>
    public override Task<IReadOnlyList<string>?> ScopesRequiredForAsync(Period period, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>?>(period.IsReporting ? [] : [period.ToString()]);

    public override async Task<RawPage> FetchAsync(string scope, string? cursor, CancellationToken ct)
    {
        var capture = await client.CaptureAsync(Period.Parse(scope), ct);
        var (document, records) = PortalEvaluationMapper.Flatten(capture);
        return new RawPage(document, records, More: false, Next: PortalCapture.IdAt(capture.CapturedAt));
    }

    public override async Task<PageResult> ApplyAsync(RawPage page, CancellationToken ct)
    {
        var (period, capturedAt) = Header(page.Raw);
        var mapped = PortalEvaluationMapper.Map(page.Records);
        var bad = mapped.Where(m => m.Error is not null).Select(m => new BadRecord(m.Index, m.Id, m.Error!)).ToList();
        var capture = new PortalCapture(period, PortalCapture.IdAt(capturedAt), capturedAt, mapped.Where(m => m.Row is not null).Select(m => m.Row!).ToList());
        var stored = capture.Rows.Count > 0 ? await repository.SaveAsync(capture, ct) : 0;
        return new PageResult(stored, 0, bad, capturedAt);
    }

    private static (string Period, DateTimeOffset CapturedAt) Header(byte[] raw)
    {
        var reader = new Utf8JsonReader(raw);
        string? period = null;
        DateTimeOffset? at = null;
        while ((period is null || at is null) && reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
            var name = reader.GetString();
            reader.Read();
            if (name == "period") period = reader.GetString();
            else if (name == "capturedAt") at = reader.GetDateTimeOffset();
        }
        return (period ?? throw new InvalidDataException("The capture has no period."), at ?? throw new InvalidDataException("The capture has no time."));
    }
}
