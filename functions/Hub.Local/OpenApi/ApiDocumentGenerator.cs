using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hub.Api.Routes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;

namespace Hub.Local.OpenApi;

/// <summary>Generates the API's OpenAPI document with Microsoft.AspNetCore.OpenApi: the route table is mapped on a
/// throwaway app exactly as `hub serve` maps it (MapAdminApi), so the paths, operations and response types are those of
/// the handlers' result types; the transformers add what the route table says beyond them (parameters, security,
/// Location headers, examples). The Function App and `hub serve` serve the committed result
/// (functions/Hub.Api/OpenApi/openapi.json); a test fails when it is not what this generates.</summary>
public static class ApiDocumentGenerator
{
    public const string DocumentName = "v1";

    public static async Task<string> GenerateAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Hub.Api", EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        // Kestrel on a loopback port nobody is told about: the endpoints are only complete once the app has started.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // The answers' own options (Answer.JsonOptions) but strict numbers: the hub writes numbers as numbers, and
            // the schemas should not say a string would do.
            o.SerializerOptions.PropertyNamingPolicy = Answer.JsonOptions.PropertyNamingPolicy;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            o.AddDocumentTransformer(new HubDocumentTransformer());
            o.AddOperationTransformer(new HubOperationTransformer());
            o.AddSchemaTransformer(new HubSchemaTransformer());
        });
        await using var app = builder.Build();
        app.MapAdminApi(app.Services, durable: null);
        await app.StartAsync(ct);
        try
        {
            var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName).GetOpenApiDocumentAsync(ct);
            var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0, ct);
            // One stable text: indented, LF, a final newline (the committed file is compared byte for byte).
            // (Parsed into nodes and written again: Vietnamese text as itself, not \u escapes.)
            var root = JsonNode.Parse(json)!;
            TypeTheNullBranches(root);
            DropUnreferencedSchemas(root);
            return root.ToJsonString(Indented).Replace("\r\n", "\n") + "\n";
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A nullable reference comes out of the 3.0 writer as oneOf [{enum: [null], nullable: true}, {$ref}]; OpenAPI
    /// 3.0 validators (Spectral's, Prism's) refuse "nullable" without a "type", so the null branch gets one (it still
    /// admits null only).</summary>
    private static void TypeTheNullBranches(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["nullable"] is JsonValue n && n.TryGetValue<bool>(out var nullable) && nullable && !o.ContainsKey("type")
                    && o["enum"] is JsonArray { Count: 1 } values && values[0] is null)
                    o["type"] = "object";
                foreach (var (_, child) in o.ToList()) TypeTheNullBranches(child);
                break;
            case JsonArray a:
                foreach (var child in a) TypeTheNullBranches(child);
                break;
        }
    }

    /// <summary>Schemas nothing refers to (the file kinds, whose answers are bytes; a list item described inline) are
    /// left out: a document says what the API answers, not what the generator met.</summary>
    private static void DropUnreferencedSchemas(JsonNode root)
    {
        if (root["components"]?["schemas"] is not JsonObject schemas) return;
        while (true)
        {
            var referenced = new HashSet<string>(StringComparer.Ordinal);
            void Collect(JsonNode? node, string? under)
            {
                if (node is JsonObject o)
                {
                    foreach (var (key, child) in o)
                    {
                        if (key == "$ref" && child is JsonValue v && v.GetValue<string>() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                            && r["#/components/schemas/".Length..] is var name && name != under)
                            referenced.Add(name);
                        Collect(child, under);
                    }
                }
                else if (node is JsonArray a) foreach (var child in a) Collect(child, under);
            }
            foreach (var (key, child) in (JsonObject)root) if (key != "components") Collect(child, null);
            foreach (var (name, schema) in schemas) Collect(schema, name);
            var unused = schemas.Select(s => s.Key).Where(n => !referenced.Contains(n)).ToList();
            if (unused.Count == 0) return;
            foreach (var name in unused) schemas.Remove(name);
        }
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
