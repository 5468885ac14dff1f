using Hub.Domain.Periods;
using Hub.Domain.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hub.Local.OpenApi;

/// <summary>The types the hub writes with its own converters, which the schema generator cannot see through: a Period
/// is its text ("2026-Q3"), a lag an ISO 8601 duration ("P2DT4H").</summary>
internal sealed class HubSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(Period))
        {
            Replace(schema, JsonSchemaType.String, pattern: ApiParametersPattern);
            schema.Description ??= "A period: 2026-08, 2026-Q3, 2026, or a reporting period (2026-Q3-BC)";
        }
        else if (type == typeof(System.Text.Json.JsonElement))
        {
            schema.Description ??= "Any JSON: for a push, an array of at most 1,000 records in the portal's sync format, or {\"data\": [...]}";
        }
        else if (context.JsonPropertyInfo is { PropertyType: var t } && (t == typeof(TimeSpan) || t == typeof(TimeSpan?)))
        {
            var nullable = schema.Type?.HasFlag(JsonSchemaType.Null) == true;
            Replace(schema, nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, format: "duration");
        }
        return Task.CompletedTask;
    }

    private static readonly string ApiParametersPattern = Hub.Api.Routes.ApiParameters.Period.Pattern!;

    private static void Replace(OpenApiSchema schema, JsonSchemaType type, string? pattern = null, string? format = null)
    {
        schema.Type = type;
        schema.Pattern = pattern;
        schema.Format = format;
        schema.Properties?.Clear();
        schema.Required?.Clear();
        schema.AdditionalProperties = null;
    }
}
