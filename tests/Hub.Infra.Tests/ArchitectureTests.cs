using System.Xml.Linq;

namespace Hub.Infra.Tests;

/// <summary>The dependency rule of README.md, checked on the project files: hosts (Functions, Local) -> API and
/// workflows -> sources, storage, reports -> Domain, which depends on nothing. A reference that points sideways or
/// up fails here, naming it.</summary>
public class ArchitectureTests
{
    /// <summary>Each product project's layer; a project may reference only projects of lower layers. The simulators
    /// stand in for the government systems: they speak the sources' wire formats and only `hub` and tests use them.</summary>
    public static readonly IReadOnlyDictionary<string, int> Layers = new Dictionary<string, int>
    {
        ["Hub.Domain"] = 0,
        ["Hub.Sources"] = 1, ["Hub.Storage"] = 1, ["Hub.Reports"] = 1,
        ["Hub.Workflows"] = 2, ["Hub.Simulators"] = 2,
        ["Hub.Api"] = 3,
        ["Hub.Functions"] = 4, ["Hub.Local"] = 4,
    };

    /// <summary>The product's project files (not the ones the build generates under obj/ or bin/).</summary>
    public static IEnumerable<string> ProjectFiles(string functionsDirectory) =>
        Directory.GetFiles(functionsDirectory, "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    public static IEnumerable<(string Project, string Reference)> ProjectReferences(string functionsDirectory) =>
        ProjectFiles(functionsDirectory)
            .SelectMany(f => XDocument.Load(f).Descendants("ProjectReference")
                .Select(r => (Path.GetFileNameWithoutExtension(f), Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))));

    /// <summary>The rule, as a list of what breaks it (empty when it holds).</summary>
    public static List<string> Violations(IEnumerable<(string Project, string Reference)> references)
    {
        var violations = new List<string>();
        foreach (var (project, reference) in references)
        {
            if (!Layers.TryGetValue(project, out var from)) { violations.Add($"{project} has no layer in ArchitectureTests.Layers"); continue; }
            if (!Layers.TryGetValue(reference, out var to)) { violations.Add($"{reference} (referenced by {project}) has no layer"); continue; }
            if (to >= from) violations.Add($"{project} (layer {from}) must not reference {reference} (layer {to})");
            if (project == "Hub.Functions" && reference == "Hub.Simulators") violations.Add("the Function App must not ship the simulators");
        }
        return violations;
    }

    [Fact]
    public void Project_references_follow_the_dependency_rule()
    {
        var functions = Path.Combine(Bicep.RepositoryRoot, "functions");
        var references = ProjectReferences(functions).ToList();
        Assert.NotEmpty(references);
        Assert.Empty(Violations(references));
        // Every product project is placed in a layer (a new one must be, before it can reference anything).
        var projects = ProjectFiles(functions).Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.All(projects, p => Assert.True(Layers.ContainsKey(p!), $"{p} has no layer in ArchitectureTests.Layers"));
    }

    [Fact]
    public void Domain_depends_on_nothing()
    {
        var domain = XDocument.Load(Path.Combine(Bicep.RepositoryRoot, "functions", "Hub.Domain", "Hub.Domain.csproj"));
        Assert.Empty(domain.Descendants("ProjectReference"));
        Assert.Empty(domain.Descendants("PackageReference"));
        Assert.Empty(domain.Descendants("FrameworkReference"));
    }

    [Theory]
    [InlineData("Hub.Storage", "Hub.Sources")] // the arrow this re-cut removed: storage keeping a source's record type
    [InlineData("Hub.Storage", "Hub.Reports")]
    [InlineData("Hub.Domain", "Hub.Storage")]
    [InlineData("Hub.Workflows", "Hub.Api")]
    [InlineData("Hub.Functions", "Hub.Simulators")]
    public void The_check_fails_on_a_reference_that_breaks_the_rule(string project, string reference) =>
        Assert.NotEmpty(Violations([(project, reference)]));
}
