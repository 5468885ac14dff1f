using Hub.Local.OpenApi;

namespace Hub.Local.Commands;

/// <summary>`hub openapi`: the API's OpenAPI document generated from the route table and the handlers' result types.
/// Run with --out functions/Hub.Api/OpenApi/openapi.json after changing a route or an answer type (a test fails until
/// the committed document is what this generates).</summary>
public static class OpenApiCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write the document to this file (default: standard output)" };
        var command = new Command("openapi", "Generate the API's OpenAPI document (what the Function App and `hub serve` serve at /api/openapi.json).") { output };
        command.SetAction(async (parse, ct) =>
        {
            var document = await ApiDocumentGenerator.GenerateAsync(ct);
            if (parse.GetValue(output) is not { } file)
            {
                Console.Out.Write(document);
                return 0;
            }
            if (file.Directory is { Exists: false } dir) { Console.Error.WriteLine($"error: folder not found: {dir.FullName}"); return 2; }
            var temporary = file.FullName + ".tmp";
            await File.WriteAllTextAsync(temporary, document, new System.Text.UTF8Encoding(false), ct);
            File.Move(temporary, file.FullName, overwrite: true);
            Console.WriteLine($"{file.FullName}: {document.Length:N0} characters");
            return 0;
        });
        return command;
    }
}
