using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Hub.Infra.Tests;

/// <summary>Runs the Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64).</summary>
public static class Bicep
{
    private static string Metadata(string key) =>
        typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepositoryRoot => Path.GetFullPath(Metadata("RepositoryRoot"));

    public static string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    public static string Executable
    {
        get
        {
            var path = Metadata("BicepPath");
            if (!File.Exists(path)) throw new InvalidOperationException($"Bicep CLI not found at {path}: restore the test project.");
            // NuGet does not keep the executable bit. (The package is the linux-x64 CLI, so this runs on Linux.)
            if (OperatingSystem.IsWindows()) return path;
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute)) File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            return path;
        }
    }

    /// <summary>A client id for the parameter files (which read AUTH_CLIENT_ID from the environment, with no default).</summary>
    public const string TestClientId = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";

    public static (int ExitCode, string Output, string Errors) Run(params string[] args) =>
        RunWith(new Dictionary<string, string?> { ["AUTH_CLIENT_ID"] = TestClientId }, args);

    public static (int ExitCode, string Output, string Errors) RunWith(IDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = InfraDirectory };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2))) { p.Kill(true); throw new TimeoutException($"bicep {string.Join(' ', args)} timed out"); }
        return (p.ExitCode, output.Result, errors.Result);
    }

    private static readonly Lazy<JsonDocument> Compiled = new(() =>
    {
        var (code, output, errors) = Run("build", "main.bicep", "--stdout");
        if (code != 0) throw new InvalidOperationException($"bicep build failed: {errors}");
        return JsonDocument.Parse(output);
    });

    public static JsonElement MainTemplate => Compiled.Value.RootElement;

    public static string MainTemplateText => Compiled.Value.RootElement.GetRawText();

    /// <summary>Every resource in the template and its nested deployments (modules compile to nested templates).</summary>
    public static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources)) yield break;
        var list = resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : resources.EnumerateObject().Select(p => p.Value);
        foreach (var r in list)
        {
            yield return r;
            if (r.TryGetProperty("properties", out var props) && props.TryGetProperty("template", out var nested))
                foreach (var inner in Resources(nested)) yield return inner;
        }
    }
}
