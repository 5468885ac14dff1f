using System.CommandLine;
using Hub.Local.Commands;

var root = new RootCommand("hub — the Service Quality Index Hub (Decision 766/QĐ-TTg) on your machine: demo, recompute, bench.")
{
    DemoCommand.Create(),
    RecomputeCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
