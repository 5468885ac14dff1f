using Hub.Domain.Portal;
using Hub.Simulators.Portal.Evaluation;
using Hub.Sources.Portal.Evaluation;
using Hub.Storage.Portal;
using Hub.Storage.Sync;

namespace Hub.Integration.Tests;

/// <summary>The portal's evaluation as a sync source: its real wire format (the captured Phú Thọ responses, served
/// verbatim by the simulator), every capture kept, bad rows quarantined, faults retried.</summary>
public class PortalEvaluationTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "portal-counts");

    private static Task<TestHub> PhuThoAsync() => TestHub.StartAsync(settings: new Dictionary<string, string?> { ["Sources:Portal:EvaluationRootId"] = EvaluationResponses.PhuThoRootId });

    private static async Task CaptureAsync(TestHub hub, string period)
    {
        var (run, _) = await hub.Get<SyncRunner>().RunAsync(new Hub.Storage.Queues.SyncWorkItem(PortalEvaluationSource.SourceName, period, DateTimeOffset.UtcNow), default);
        Assert.Null(run.Error);
    }

    [Theory]
    [InlineData("2026", "year")]
    [InlineData("2026-08", "month")]
    public async Task The_captured_responses_are_read_into_the_same_counts_and_scores_the_portal_published(string period, string tag)
    {
        await using var hub = await PhuThoAsync();
        await CaptureAsync(hub, period);
        var capture = (await hub.Get<PortalEvaluationRepository>().LatestAsync(Hub.Domain.Periods.Period.Parse(period), default))!;
        Assert.Empty(await hub.Get<QuarantineRepository>().ListAsync(PortalEvaluationSource.SourceName, default));
        var rows = capture.Rows.ToDictionary(r => (r.UnitCode, r.Group));
        Assert.Equal(164 * 6, rows.Count); // the province and its 163 units, in six groups (codes joined by id where missing)

        var compared = 0;
        foreach (var group in new[] { "CKMB", "TDGQ", "ONLINE", "TTTT", "MDSH", "MDHL" })
        {
            using var counts = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixtures, $"{group}-{tag}.json")));
            using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixtures, $"expected-{group}-{tag}.json")));
            var scores = expected.RootElement.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("code").GetString()!, u => u.GetProperty("groupScore").GetDouble());
            foreach (var unit in counts.RootElement.GetProperty("units").EnumerateArray())
            {
                var code = unit.GetProperty("code").GetString()!;
                var row = rows[(code, group)];
                Assert.Equal(scores[code], row.GroupScore);
                Assert.Equal(unit.GetProperty("parentCode").ValueKind == JsonValueKind.Null ? null : "H44", row.ParentCode);
                foreach (var indicator in unit.GetProperty("indicators").EnumerateObject())
                {
                    var figure = row.Indicators.Single(f => f.Code == indicator.Name);
                    var n = indicator.Value.GetProperty("numerator");
                    Assert.Equal(n.ValueKind == JsonValueKind.Null ? null : n.GetInt64(), figure.Numerator);
                    var d = indicator.Value.GetProperty("denominator");
                    Assert.Equal(d.ValueKind == JsonValueKind.Null ? null : d.GetInt64(), figure.Denominator);
                    compared++;
                }
            }
        }
        Assert.True(compared > 2000, $"only {compared} indicators compared");
    }

    [Fact]
    public async Task Every_capture_is_kept_and_the_latest_one_is_read_whole()
    {
        await using var hub = await PhuThoAsync();
        hub.Portal.Faults.FailNext(2); // the usual faults: retried by the resilience pipeline
        await CaptureAsync(hub, "2026-08");
        await Task.Delay(1100); // capture ids are to the second
        await CaptureAsync(hub, "2026-08");
        var repository = hub.Get<PortalEvaluationRepository>();
        var captures = await repository.ListCapturesAsync(Hub.Domain.Periods.Period.Parse("2026-08"), default);
        Assert.Equal(2, captures.Count);
        var latest = (await repository.LatestAsync(Hub.Domain.Periods.Period.Parse("2026-08"), default))!;
        Assert.Equal(captures[^1].Id, latest.CaptureId);
        Assert.Equal(164 * 6, latest.Rows.Count); // never rows of two captures mixed
        var state = (await hub.Get<SyncStateRepository>().GetAsync(PortalEvaluationSource.SourceName, "2026-08", default)).State;
        Assert.Equal(captures[^1].Id, state.Cursor);
    }

    [Fact]
    public void Missing_or_malformed_rows_are_refused_with_their_reason_and_the_rest_stands()
    {
        static byte[] Response(string evaluation) => System.Text.Encoding.UTF8.GetBytes(
            """{"code":"OK","message":"OK","newField":1,"data":{"overview":{"departmentId":"r","departmentCode":"R","totalScore":1.5,"totalMaxScore":18,"metrics":[]},"evaluation":[""" + evaluation + "]}}");
        var capture = new EvaluationCapture(Period.Parse("2026-08"), DateTimeOffset.Parse("2026-09-26T08:00:00Z"),
        [
            new EvaluationResponse("transparency", 1, Response(
                """{"departmentCode":"NOID","totalScore":1,"totalMaxScore":18,"metrics":[]},""" +
                """{"departmentId":"x","departmentCode":"X","totalScore":"high","totalMaxScore":18,"metrics":[]},""" +
                """{"departmentId":"y","departmentCode":"Y","totalScore":2,"totalMaxScore":18,"metrics":[{"code":"DOSSIER_SYNC","numerator":-4,"denominator":9}]},""" +
                """{"departmentId":"z","totalScore":2,"totalMaxScore":18,"metrics":[]},""" +
                """{"departmentId":"ok","departmentCode":"OK1","totalScore":3.25,"totalMaxScore":18,"unknown":{"a":1},"metrics":[{"code":"DOSSIER_SYNC","numerator":4,"denominator":9,"score":2.67,"maxScore":6}]}""")),
        ]);
        var (document, records) = PortalEvaluationMapper.Flatten(capture);
        using (JsonDocument.Parse(document)) { }
        Assert.Contains("\"newField\":1", System.Text.Encoding.UTF8.GetString(document)); // archived as sent, unknown fields included
        var mapped = PortalEvaluationMapper.Map(records);
        var errors = mapped.Where(m => m.Error is not null).Select(m => m.Error!).ToList();
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Contains("'departmentId' is missing"));
        Assert.Contains(errors, e => e.Contains("'totalScore' is \"high\""));
        Assert.Contains(errors, e => e.Contains("DOSSIER_SYNC.numerator' is -4"));
        Assert.Contains(errors, e => e.Contains("no other endpoint of this capture names departmentId z"));
        var good = mapped.Where(m => m.Row is not null).Select(m => m.Row!).ToList();
        Assert.Equal(["R", "OK1"], good.Select(r => r.UnitCode));
        Assert.Equal(new PortalIndicatorFigure("DOSSIER_SYNC", 4, 9, 2.67, 6, null), good[1].Indicators.Single());
        Assert.Equal("R", good[1].ParentCode);
    }

    [Fact]
    public async Task A_period_the_portal_has_no_data_for_fails_the_work_item_with_the_portals_message()
    {
        await using var hub = await PhuThoAsync();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => hub.Get<SyncRunner>().RunAsync(new Hub.Storage.Queues.SyncWorkItem(PortalEvaluationSource.SourceName, "2026-05", DateTimeOffset.UtcNow), default));
        Assert.Contains("404", e.Message);
        Assert.Null(await hub.Get<PortalEvaluationRepository>().LatestAsync(Hub.Domain.Periods.Period.Parse("2026-05"), default));
    }
}
