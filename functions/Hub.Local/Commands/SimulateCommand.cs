namespace Hub.Local.Commands;

/// <summary>`hub simulate`: the portal and registry simulator alone, in its own process, so that a measurement of
/// `hub demo` or a benchmark is the hub's and not the simulated government systems' (their data lives here). Prints
/// one line "listening {url}" and serves until its standard input closes (its parent ended), SIGTERM or Ctrl+C.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var units = new Option<int>("--units") { DefaultValueFactory = _ => 30, Description = "Synthetic units" };
        var dossiers = new Option<int>("--dossiers") { DefaultValueFactory = _ => 3000, Description = "Synthetic dossiers per period" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 766, Description = "Seed of the synthetic data" };
        var period = new Option<string?>("--period") { Description = "Period the data is generated for (default: the last closed quarter)" };
        var malformed = new Option<double>("--malformed") { DefaultValueFactory = _ => 0.0, Description = "Share of malformed records" };
        var outOfOrder = new Option<double>("--out-of-order") { DefaultValueFactory = _ => 0.0, Description = "Share of records served out of version order" };
        var runningUntil = new Option<DateTimeOffset?>("--running-until") { Description = "Also hold the running quarter's dossiers as they stand at this instant (ISO 8601)" };
        var apiKey = new Option<string>("--api-key") { DefaultValueFactory = _ => SimulatorProcess.DefaultApiKey, Description = "API key the simulator accepts" };
        var command = new Command("simulate", "Run the portal and registry simulator on loopback in this process, until stdin closes or SIGTERM.")
        {
            units, dossiers, seed, period, malformed, outOfOrder, runningUntil, apiKey,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!DemoCommand.TryPeriod(parse.GetValue(period), out var p) || !CommandChecks.ScaleIsValid(parse.GetValue(units), parse.GetValue(dossiers))) return 2;
            var scale = new SyntheticScale(parse.GetValue(seed), parse.GetValue(units), parse.GetValue(dossiers), p, MalformedRate: parse.GetValue(malformed), OutOfOrderRate: parse.GetValue(outOfOrder)) { RunningUntil = parse.GetValue(runningUntil) };
            await using var simulator = await PortalSimulator.StartAsync(PortalDataSet.Generate(scale), parse.GetValue(apiKey)!);
            Console.WriteLine($"{SimulatorProcess.ReadyPrefix}{simulator.BaseUrl}");
            Console.Out.Flush();
            // The parent holds our stdin: when it ends, however it ends, the pipe closes and so do we.
            var stdinClosed = Task.Run(() => { while (Console.In.Read() != -1) { } }, CancellationToken.None);
            await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, ct));
            return 0;
        });
        return command;
    }
}
