using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Api.OpenApi;
using Hub.Api.Routes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hub.Local.OpenApi;

/// <summary>One operation: what the route table says beyond the result types — its parameters (with the patterns the
/// handlers validate), who may call it, the Location header of a 201/202/302, an example of every JSON answer
/// (ApiExamples) and a description of every response.</summary>
internal sealed class HubOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var route = metadata.OfType<ApiRoute>().Single();
        operation.OperationId = route.Name;

        var parameters = new List<ApiParameter>();
        if (route.HasPeriod) parameters.Add(ApiParameters.Period);
        parameters.AddRange(route.Parameters);
        operation.Parameters = parameters.Select(p => (IOpenApiParameter)Parameter(p)).ToList();

        if (route.Body is { } body)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = body.Required,
                Content = new Dictionary<string, OpenApiMediaType> { [body.ContentType] = new() { Schema = await SchemaAsync(body.Type, context, cancellationToken) } },
            };

        operation.Security = SecuritySchemes.Of(route.Access)
            .Select(alternative =>
            {
                var requirement = new OpenApiSecurityRequirement();
                foreach (var scheme in alternative) requirement[new OpenApiSecuritySchemeReference(scheme, context.Document)] = [];
                return requirement;
            }).ToList();

        var locations = metadata.OfType<LocationHeader>().ToDictionary(l => l.Status.ToString(CultureInfo.InvariantCulture));
        foreach (var (status, answer) in operation.Responses ?? [])
        {
            if (answer is not OpenApiResponse response) continue;
            response.Description = Describe(status, route);
            if (locations.TryGetValue(status, out var location))
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers["Location"] = new OpenApiHeader { Description = location.Description, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
            // From the endpoint's metadata, not ApiExplorer's response types: those keep one type per status.
            var answers = metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
                .Where(m => m.StatusCode.ToString(CultureInfo.InvariantCulture) == status && m.Type is not null && m.Type != typeof(void))
                .SelectMany(m => m.ContentTypes.Select(c => (Type: m.Type!, MediaType: c))).Distinct().ToList();
            if (answers.Count == 0) continue;
            // The generator keeps one answer type per status; a handler may have several (JSON or a file, one shape
            // or another): the content is rebuilt from all of them.
            response.Content = new Dictionary<string, OpenApiMediaType>();
            foreach (var byMedia in answers.GroupBy(a => a.MediaType))
            {
                var types = byMedia.Select(a => a.Type).Distinct().ToList();
                var json = byMedia.Key.Contains("json", StringComparison.Ordinal);
                var media = new OpenApiMediaType();
                if (types.FirstOrDefault(t => t.IsAssignableTo(typeof(IFileKind))) is { } file)
                {
                    // A file: the bytes as they are; a JSON one is any JSON, shown by an example of its kind.
                    media.Schema = json ? new OpenApiSchema { Type = JsonSchemaType.Object } : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                    if (json && ApiExamples.For(file) is { } sample) media.Example = Node(sample);
                    response.Content[byMedia.Key] = media;
                    continue;
                }
                if (types.Count == 1) media.Schema = await SchemaAsync(types[0], context, cancellationToken);
                else media.Schema = new OpenApiSchema { OneOf = [.. await Task.WhenAll(types.Select(t => SchemaAsync(t, context, cancellationToken)))] };
                if (json)
                {
                    var examples = types.Select(t => (Type: t, Example: t == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails) ? ProblemExample(status) : ApiExamples.For(t)))
                        .Where(e => e.Example is not null).ToList();
                    if (examples.Count == 1) media.Example = Node(examples[0].Example!);
                    else if (examples.Count > 1)
                        media.Examples = examples.ToDictionary(e => e.Type.Name, e => (IOpenApiExample)new OpenApiExample { Summary = e.Type.Name, Value = Node(e.Example!) });
                }
                response.Content[byMedia.Key] = media;
            }
        }
    }

    /// <summary>A reference to the type's component schema (created if the generator has not yet); a string or a list inline.</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (type == typeof(string)) return new OpenApiSchema { Type = JsonSchemaType.String };
        var schema = await context.GetOrCreateSchemaAsync(type, null, ct);
        // A list is described where it is answered; its items are components already.
        if (type.IsArray || type.IsGenericType) return schema;
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(type.Name)) document.Components.Schemas[type.Name] = schema;
        return new OpenApiSchemaReference(type.Name, document);
    }

    /// <summary>The problem the router or a handler answers with that status (its title as the hub writes it).</summary>
    private static Microsoft.AspNetCore.Mvc.ProblemDetails ProblemExample(string status)
    {
        var (title, detail) = status switch
        {
            "400" => ("Invalid request", "'reason' must be 10 to 500 characters."),
            "401" => ("Unauthorized", "Sign in: no authenticated user."),
            "403" => ("Forbidden", "'can-bo.theo-doi@hanoi.gdt.gov.vn' may see G12.02 and the units under it only."),
            "404" => ("Not found", "2026-Q3 has never been scored."),
            "409" => ("Run in progress", "A scoring run of 2026-Q3 is in progress; wait for it to finish."),
            "413" => ("Request too large", "The body is limited to 16384 bytes."),
            "503" => ("Storage unavailable", "The hub's storage is not reachable; nothing was changed. Try again shortly."),
            _ => ("Internal error", "The request failed; the error has been logged."),
        };
        return new Microsoft.AspNetCore.Mvc.ProblemDetails { Type = $"https://httpstatuses.io/{status}", Title = title, Status = int.Parse(status, CultureInfo.InvariantCulture), Detail = detail };
    }

    private static OpenApiParameter Parameter(ApiParameter p)
    {
        var schema = new OpenApiSchema
        {
            Type = p.Type == "integer" ? JsonSchemaType.Integer : JsonSchemaType.String,
            Pattern = p.Pattern,
            MaxLength = p.MaxLength,
        };
        if (p.Minimum is { } min) schema.Minimum = min.ToString(CultureInfo.InvariantCulture);
        if (p.Maximum is { } max) schema.Maximum = max.ToString(CultureInfo.InvariantCulture);
        if (p.Enum is { } values) schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        if (p.Default is { } d) schema.Default = p.Type == "integer" ? JsonValue.Create(int.Parse(d, CultureInfo.InvariantCulture)) : JsonValue.Create(d);
        return new OpenApiParameter
        {
            Name = p.Name,
            In = p.In == ParameterIn.Path ? ParameterLocation.Path : ParameterLocation.Query,
            Required = p.In == ParameterIn.Path || p.Required,
            Description = p.Description,
            Schema = schema,
            Example = p.Example is { } e ? JsonValue.Create(e) : null,
        };
    }

    private static JsonNode? Node(object example) => JsonSerializer.SerializeToNode(example, example.GetType(), Answer.JsonOptions);

    private static string Describe(string status, ApiRoute route) => status switch
    {
        "200" => "OK",
        "201" => "Created; Location is the new resource",
        "202" => "Accepted: the work has started; Location is where to follow it",
        "204" => "Done; nothing to return",
        "302" => "Found: Location is the resource",
        "304" => "Not modified: the copy of If-None-Match is current",
        "400" => "Invalid request (the detail says what)",
        "401" => "Not authenticated",
        "403" => route.Access == Access.UnitViewer ? "Outside the caller's scope, or an administrators' route" : "Not allowed for the caller's role",
        "404" => "Not found (the detail says what)",
        "409" => "Conflicts with the current state (the detail says what)",
        "413" => "Body too large",
        "503" => route.Name == "Health" ? "Storage unreachable (the report says so)" : "Storage unreachable; nothing was changed (Retry-After)",
        _ => "See the body",
    };
}
