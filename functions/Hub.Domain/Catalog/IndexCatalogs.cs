using System.Reflection;

namespace Hub.Domain.Catalog;

/// <summary>The catalog versions shipped with the hub (Catalog/Versions/*.json, embedded). Adding a version is adding a file.</summary>
public static class IndexCatalogs
{
    /// <summary>The hub's reference methodology, written for this project: the default of audit-file recomputes.</summary>
    public const string Default = "766-2022";

    /// <summary>The methodology as the national portal computes and publishes it: the default of publications.</summary>
    public const string Portal = "766-portal";

    private static readonly Lazy<IReadOnlyDictionary<string, IndexCatalog>> Loaded = new(LoadAll);

    public static IReadOnlyCollection<string> Versions => Loaded.Value.Keys.Order(StringComparer.Ordinal).ToList();

    public static IndexCatalog Get(string version) =>
        Loaded.Value.TryGetValue(version, out var catalog)
            ? catalog
            : throw new DomainException($"Unknown methodology version '{version}' (available: {string.Join(", ", Versions)}).");

    /// <summary>A catalog from a file outside the build (a methodology under review, say), validated like the shipped ones.</summary>
    public static IndexCatalog FromFile(string path)
    {
        if (!File.Exists(path)) throw new DomainException($"Catalog file not found: {path}");
        return CatalogLoader.Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    private static IReadOnlyDictionary<string, IndexCatalog> LoadAll()
    {
        var assembly = typeof(IndexCatalogs).Assembly;
        var result = new Dictionary<string, IndexCatalog>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("catalog/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var catalog = CatalogLoader.Parse(reader.ReadToEnd(), name);
            if (!result.TryAdd(catalog.Version, catalog)) throw new DomainException($"Catalog version '{catalog.Version}' is shipped twice.");
        }
        return result;
    }
}
