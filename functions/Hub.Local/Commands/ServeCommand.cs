namespace Hub.Local.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Loopback port of the API", DefaultValueFactory = _ => 7071 };
        var devKey = new Option<string>("--dev-key") { Description = "Development key administrators send as x-hub-dev-key", DefaultValueFactory = _ => "local-admin-key" };
        var approval = new Option<bool>("--require-approval") { Description = "Hold each publication for an administrator's approval" };
        var units = new Option<int>("--units") { Description = "Number of synthetic units of the simulated portal", DefaultValueFactory = _ => 30 };
        var dossiers = new Option<int>("--dossiers") { Description = "Synthetic dossiers per period", DefaultValueFactory = _ => 3000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data", DefaultValueFactory = _ => 766 };
        var viewerKey = new Option<string>("--viewer-key") { Description = "Key of the development unit viewer 'xem-thu' (role Hub.Viewer; its units: PUT /api/scopes/xem-thu)", DefaultValueFactory = _ => "local-viewer-key" };
        var command = new Command("serve", "Run the administrators' HTTP API locally (same handlers as the Function App) over Azurite (HubStorage), " +
            "a portal simulator and the Durable Task Framework (orchestration state in the same storage). Syncs the simulator once at start. Ctrl+C or SIGTERM to stop.") { port, devKey, approval, units, dossiers, seed, viewerKey };
        command.SetAction(async (parse, ct) =>
        {
            var period = Period.LastClosedAt(DateTimeOffset.UtcNow);
            const string apiKey = "local-demo-key";
            await using var portal = await PortalSimulator.StartAsync(PortalDataSet.Generate(SyntheticScale.Demo(period) with { Units = parse.GetValue(units), DossiersPerQuarter = parse.GetValue(dossiers), Seed = parse.GetValue(seed), RunningUntil = DateTimeOffset.UtcNow }), apiKey);
            var settings = SimulatorSettings.For(portal);
            settings["Admin:DevelopmentKey"] = parse.GetValue(devKey);
            // One development identity per role: the administrator's key above, a unit viewer's here.
            settings["Admin:DevelopmentIdentities:xem-thu:Key"] = parse.GetValue(viewerKey);
            settings["Admin:DevelopmentIdentities:xem-thu:Role"] = "Hub.Viewer";
            settings["Scoring:RequireApproval"] = parse.GetValue(approval).ToString();
            settings["Scoring:SyncWaitLimit"] = "00:00:00";
            await using var services = LocalServices.Build(settings);
            await services.GetRequiredService<StorageClients>().EnsureCreatedAsync(ct);
            var watch = services.GetRequiredService<StorageWatch>().WatchAsync(ct);
            try { await LocalSync.RunAsync(services, ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.Error.WriteLine("hub serve: stopped during the initial sync; the next start resumes from the saved cursors.");
                return 143;
            }
            await using var durable = await LocalDurableHost.StartAsync(services, ct: ct);
            await using var server = await LocalApiServer.StartAsync(services, durable.Client, parse.GetValue(port));
            Console.WriteLine($"hub serve: {server.BaseUrl}api/ (OpenAPI: {server.BaseUrl}api/openapi.json); header x-hub-dev-key: {parse.GetValue(devKey)}");
            Console.WriteLine($"  try: curl -X POST -H 'x-hub-dev-key: {parse.GetValue(devKey)}' {server.BaseUrl}api/scoring/{period}");
            Console.WriteLine($"  unit viewer 'xem-thu': header x-hub-dev-key: {parse.GetValue(viewerKey)} (its units: PUT /api/scopes/xem-thu as the administrator)");
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            await watch;
            return 0;
        });
        return command;
    }
}
