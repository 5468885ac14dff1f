namespace Hub.Api.OpenApi;

/// <summary>The API's OpenAPI 3 document (Admin/openapi.json, embedded), served by both hosts.</summary>
public static class OpenApiDocument
{
    private static readonly Lazy<byte[]> Content = new(() =>
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("admin/openapi.json")!;
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    });

    public static byte[] Bytes => Content.Value;
}
