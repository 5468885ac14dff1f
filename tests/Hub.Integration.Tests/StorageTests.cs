using Hub.Domain.Publications;
using Azure.Data.Tables;
using Hub.Reports;
using Hub.Storage.Evidence;

namespace Hub.Integration.Tests;

/// <summary>Storage behaviour against Azurite: versioned upserts, immutable publications, queue encoding.</summary>
[Collection(AzuriteCollection.Name)]
public class StorageTests(AzuriteFixture azurite)
{
    private static TableEntity Row(string pk, string rk, long version, string value) =>
        new(pk, rk) { [VersionedUpsert.VersionColumn] = version, ["Value"] = value };

    [Fact]
    public async Task Versioned_upsert_writes_new_and_newer_rows_only_and_keeps_the_newest_of_a_page()
    {
        var storage = await azurite.NewStorageAsync();
        var table = storage.Table(StorageNames.UnitsTable);
        var first = await VersionedUpsert.UpsertNewerAsync(table, [Row("p", "a", 2, "a2"), Row("p", "b", 1, "b1"), Row("p", "a", 1, "a1"), Row("q", "c", 5, "c5")], default);
        Assert.Equal((3, 1), (first.Stored, first.Stale)); // a1 lost to a2 inside the page
        var second = await VersionedUpsert.UpsertNewerAsync(table, [Row("p", "a", 1, "old"), Row("p", "b", 1, "same"), Row("p", "b", 3, "b3"), Row("q", "c", 4, "old")], default);
        Assert.Equal((1, 3), (second.Stored, second.Stale));
        Assert.Equal("a2", (await table.GetEntityAsync<TableEntity>("p", "a")).Value.GetString("Value"));
        Assert.Equal("b3", (await table.GetEntityAsync<TableEntity>("p", "b")).Value.GetString("Value"));
        Assert.Equal("c5", (await table.GetEntityAsync<TableEntity>("q", "c")).Value.GetString("Value"));
        // More rows than one transaction and one read query hold.
        var many = Enumerable.Range(0, 250).Select(i => Row("big", $"r{i:D4}", 1, "x")).ToList();
        Assert.Equal(250, (await VersionedUpsert.UpsertNewerAsync(table, many, default)).Stored);
        Assert.Equal((0, 250), ((await VersionedUpsert.UpsertNewerAsync(table, many, default)).Stored, (await VersionedUpsert.UpsertNewerAsync(table, many, default)).Stale));
    }

    [Fact]
    public async Task A_remembered_version_that_another_writer_overtook_never_overwrites_the_newer_row()
    {
        var storage = await azurite.NewStorageAsync();
        var mine = storage.Table(StorageNames.UnitsTable);   // this process, with its memory of versions
        var theirs = storage.Table(StorageNames.UnitsTable); // another instance writing the same table, with its own
        Assert.NotSame(mine, theirs);
        static (int, int) Of(VersionedUpsert.Outcome o) => (o.Stored, o.Stale);
        async Task<string?> Stored() => (await mine.GetEntityAsync<TableEntity>("p", "x")).Value.GetString("Value");

        Assert.Equal((1, 0), Of(await VersionedUpsert.UpsertNewerAsync(mine, [Row("p", "x", 1, "v1")], default)));   // remembered: v1
        Assert.Equal((1, 0), Of(await VersionedUpsert.UpsertNewerAsync(theirs, [Row("p", "x", 3, "v3")], default))); // overtaken: v3
        // To this process v2 looks newer than what it remembers; the write conditioned on v1's ETag fails, the row is
        // read again, and v2 is stale against v3.
        Assert.Equal((0, 1), Of(await VersionedUpsert.UpsertNewerAsync(mine, [Row("p", "x", 2, "v2")], default)));
        Assert.Equal("v3", await Stored());
        // A version newer than the stored one still goes through.
        Assert.Equal((1, 0), Of(await VersionedUpsert.UpsertNewerAsync(mine, [Row("p", "x", 4, "v4")], default)));
        Assert.Equal("v4", await Stored());
    }

    [Fact]
    public async Task New_rows_are_added_without_a_read_and_a_process_that_never_saw_the_rows_still_refuses_older_versions()
    {
        var storage = await azurite.NewStorageAsync();
        var name = storage.Table(StorageNames.UnitsTable).Name;
        var requests = new RequestLog();
        TableClient Client(RequestLog log)
        {
            var options = new TableClientOptions();
            options.AddPolicy(log, Azure.Core.HttpPipelinePosition.PerCall);
            return new TableServiceClient(azurite.ConnectionString, options).GetTableClient(name);
        }
        static (int, int) Of(VersionedUpsert.Outcome o) => (o.Stored, o.Stale);
        List<TableEntity> Rows(long version) => Enumerable.Range(0, 250).Select(i => Row("p", $"r{i:D4}", version, $"v{version}")).ToList();

        // A page of new rows: three transactions (100 + 100 + 50), not one query first.
        Assert.Equal((250, 0), Of(await VersionedUpsert.UpsertNewerAsync(Client(requests), Rows(2), default)));
        Assert.Equal(["POST $batch", "POST $batch", "POST $batch"], requests.Lines.Order());

        // Another process (its own, empty memory) re-delivers older versions: its optimistic Add fails, the partition is
        // read, nothing is overwritten.
        var other = new RequestLog();
        var process = Client(other);
        Assert.Equal((0, 250), Of(await VersionedUpsert.UpsertNewerAsync(process, Rows(1), default)));
        Assert.Contains("POST $batch failed", other.Lines);
        await foreach (var e in process.QueryAsync<TableEntity>()) Assert.Equal("v2", e.GetString("Value"));

        // Newer versions of the rows it has read go under their ETags; new rows in that partition are read first now
        // (found absent, so the partition goes back to assuming new rows are new): no failed transaction either way.
        other.Clear();
        List<TableEntity> New(int from) => Enumerable.Range(from, 30).Select(i => Row("p", $"r{i:D4}", 3, "v3")).ToList();
        Assert.Equal((280, 0), Of(await VersionedUpsert.UpsertNewerAsync(process, [.. Rows(3), .. New(250)], default)));
        Assert.DoesNotContain("POST $batch failed", other.Lines);
        Assert.Contains(other.Lines, l => l.StartsWith("GET ", StringComparison.Ordinal));
        other.Clear();
        Assert.Equal((30, 0), Of(await VersionedUpsert.UpsertNewerAsync(process, New(280), default)));
        Assert.Equal(["POST $batch"], other.Lines);
        Assert.Equal("v3", (await process.GetEntityAsync<TableEntity>("p", "r0000")).Value.GetString("Value"));
    }

    /// <summary>The requests a client sends, as "METHOD path-tail", and "POST $batch failed" for a refused transaction.</summary>
    private sealed class RequestLog : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private readonly List<string> _lines = [];
        public List<string> Lines { get { lock (_lines) return [.. _lines]; } }
        public void Clear() { lock (_lines) _lines.Clear(); }

        public override void OnReceivedResponse(Azure.Core.HttpMessage message)
        {
            var path = message.Request.Uri.Path;
            var line = $"{message.Request.Method} {path[(path.LastIndexOf('/') + 1)..]}";
            var failed = message.Response.Status == 202 && message.Response.Content.ToString().Contains("HTTP/1.1 4", StringComparison.Ordinal);
            lock (_lines) _lines.Add(failed ? line + " failed" : line);
        }
    }

    [Fact]
    public async Task A_recorded_publication_is_immutable_and_orphan_files_of_a_crashed_attempt_are_replaced()
    {
        var storage = await azurite.NewStorageAsync();
        var repo = new PublicationRepository(storage);
        ReportFile[] files = [new("index.json", "application/json", "{\"v\":1}"u8.ToArray())];
        var v1 = new Publication("2026-Q3", 1, DateTimeOffset.UtcNow, "tester", "first", "766-2022", ReportRenderer.ContentHash(files), "run1", ["index.json"]);

        // An attempt crashed after writing a file but before recording the version.
        await storage.Container(StorageNames.ReportsContainer).GetBlobClient("2026-Q3/v1/index.json").UploadAsync(new BinaryData("{\"partial\":true}"));
        await repo.AddAsync(v1, files, default);
        Assert.Equal(files[0].Content, await repo.ReadFileAsync("2026-Q3/v1/index.json", default));

        // Once recorded, v1 cannot be written again, with any content.
        ReportFile[] other = [new("index.json", "application/json", "{\"v\":2}"u8.ToArray())];
        await Assert.ThrowsAsync<InvalidOperationException>(() => repo.AddAsync(v1 with { RunId = "run2" }, other, default));
        Assert.Equal(files[0].Content, await repo.ReadFileAsync("2026-Q3/v1/index.json", default));
        Assert.Single(await repo.ListAsync(Hub.Domain.Periods.Period.Parse("2026-Q3"), default));
        Assert.Contains("\"version\": 1", System.Text.Encoding.UTF8.GetString(await repo.ReadFileAsync("2026-Q3/latest.json", default)));
    }

    [Fact]
    public async Task Work_items_are_base64_on_the_queue_as_the_Functions_trigger_expects()
    {
        var storage = await azurite.NewStorageAsync();
        var queue = new Hub.Storage.Queues.SyncWorkQueue(storage);
        await queue.EnqueueAsync(new Hub.Storage.Queues.SyncWorkItem("portal-dossiers", "G12.01", DateTimeOffset.UnixEpoch), default);
        var plain = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, storage.Queue(StorageNames.SyncWorkQueue).Name);
        var raw = (await plain.ReceiveMessageAsync()).Value.Body.ToString();
        var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(raw));
        Assert.Equal(new Hub.Storage.Queues.SyncWorkItem("portal-dossiers", "G12.01", DateTimeOffset.UnixEpoch), Hub.Storage.Queues.SyncWorkQueue.Parse(decoded));
        Assert.Throws<FormatException>(() => Hub.Storage.Queues.SyncWorkQueue.Parse("{\"source\":\"\"}"));
        Assert.Throws<FormatException>(() => Hub.Storage.Queues.SyncWorkQueue.Parse("not json"));
    }
}
