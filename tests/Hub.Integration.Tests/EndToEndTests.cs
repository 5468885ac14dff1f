namespace Hub.Integration.Tests;

/// <summary>The main job as `hub demo` runs it, asserting on what landed in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class EndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Demo_pipeline_syncs_scores_and_publishes_into_Azurite()
    {
        var ns = AzuriteFixture.NewNamespace();
        var period = Period.OfQuarter(2026, 3);
        var result = await DemoPipeline.RunAsync(new DemoOptions(period, new SyntheticScale(7, 12, 600, period, 0.01))
        {
            Settings = new Dictionary<string, string?> { ["StorageNamespace"] = ns },
            ReportsFolder = Directory.CreateTempSubdirectory("hub-reports-").FullName,
        });

        Assert.Equal(12, result.Scoring.Units);
        Assert.Equal(12, result.Scores.Count);
        Assert.Equal("published", result.Scoring.Publication.Status);
        Assert.True(result.Quarantined > 0);
        Assert.All(result.Scores.Where(s => s.Unit.Total is not null), s => Assert.InRange(s.Unit.Total!.Value, 0, 100));

        // Look in Azurite directly, not through the pipeline's own answer.
        var storage = StorageClients.FromConnectionString(azurite.ConnectionString, ns);
        var blobs = new List<string>();
        await foreach (var b in storage.Container(StorageNames.ReportsContainer).GetBlobsAsync()) blobs.Add(b.Name);
        Assert.Equal(["2026-Q3/latest.json", "2026-Q3/v1/index.csv", "2026-Q3/v1/index.html", "2026-Q3/v1/index.json", "2026-Q3/v1/index.xlsx", "2026-Q3/v1/plan-targets.json", "2026-Q3/v1/reconciliation.json"],
            blobs.Where(b => !b.Contains("/units/", StringComparison.Ordinal)).Order().ToArray());
        Assert.Equal(12, blobs.Count(b => b.StartsWith("2026-Q3/v1/units/", StringComparison.Ordinal) && b.EndsWith(".html", StringComparison.Ordinal)));
        // The demo copies the report out for reading from disk, and says where.
        Assert.NotNull(result.ReportFolder);
        Assert.Contains("<html lang=\"vi\">", File.ReadAllText(Path.Combine(result.ReportFolder!, "index.html")));
        var rows = 0;
        await foreach (var _ in storage.Table(StorageNames.ScoresTable).QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "2026-Q3")) rows++;
        Assert.Equal(12, rows);
        var raw = 0;
        await foreach (var _ in storage.Container(StorageNames.RawContainer).GetBlobsAsync()) raw++;
        Assert.True(raw >= 3, "raw pages were not archived");
    }
}
