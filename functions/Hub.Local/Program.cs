using System.CommandLine;
using Hub.Local.Commands;

var root = new RootCommand("hub — the Service Quality Index Hub (Decision 766/QĐ-TTg) on your machine: demo, serve, recompute, bench, bench-sync.")
{
    DemoCommand.Create(),
    RecomputeCommand.Create(),
    BenchCommand.Create(),
    BenchSyncCommand.Create(),
    ServeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
