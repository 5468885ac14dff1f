using System.Net.Http.Json;
using Hub.Api.Auth;
using Hub.Api.Handlers;
using Hub.Api.OpenApi;
using Hub.Api.Routes;

namespace Hub.Integration.Tests;

/// <summary>The administrators' API through `hub serve`'s HTTP pipeline (same handlers, authentication and routes as
/// the Function App), on Azurite and the Durable Task engine.</summary>
[Collection(AzuriteCollection.Name)]
public class ApiTests(AzuriteFixture azurite)
{
    private readonly AzuriteFixture _ = azurite;
    private const string DevKey = "test-admin-key";
    private const string Q3 = "2026-Q3";

    private sealed class Api : IAsyncDisposable
    {
        public required TestHub Hub { get; init; }
        public required LocalDurableHost Durable { get; init; }
        public required LocalApiServer Server { get; init; }
        public required HttpClient Http { get; init; }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Server.DisposeAsync();
            await Durable.DisposeAsync();
            await Hub.DisposeAsync();
        }
    }

    private static async Task<Api> StartAsync(bool requireApproval = false, bool sync = true)
    {
        var hub = await TestHub.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Admin:DevelopmentKey"] = DevKey,
            ["Scoring:RequireApproval"] = requireApproval.ToString(),
            ["Scoring:ApprovalTimeout"] = "00:01:00",
        });
        if (sync) await hub.SyncAllAsync();
        var durable = await LocalDurableHost.StartAsync(hub.Services);
        var server = await LocalApiServer.StartAsync(hub.Services, durable.Client);
        return new Api { Hub = hub, Durable = durable, Server = server, Http = new HttpClient { BaseAddress = server.BaseUrl } };
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? devKey = DevKey, string? principal = null)
    {
        var r = new HttpRequestMessage(method, "api/" + path);
        if (devKey is not null) r.Headers.Add(CallerAuthenticator.DevelopmentKeyHeader, devKey);
        if (principal is not null) r.Headers.Add(CallerAuthenticator.PrincipalHeader, principal);
        if (body is string s) r.Content = new StringContent(s, Encoding.UTF8, "application/json");
        else if (body is not null) r.Content = JsonContent.Create(body);
        return r;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(Api api, HttpRequestMessage request)
    {
        var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, body, response);
    }

    /// <summary>Every administrators' route of the table, with the period filled in.</summary>
    private static readonly (string Method, string Path)[] ProtectedEndpoints = AdminRoutes.All
        .Where(r => r.Access is Access.Administrator or Access.UnitViewer or Access.Signed).Select(r => (r.Method, r.Template.Replace("{period}", Q3).Replace("{principal}", "someone").Replace("{unit}", "G12").Replace("{id}", "0123456789abcdef"))).ToArray();

    [Fact]
    public async Task Every_endpoint_refuses_missing_wrong_and_roleless_credentials_with_problem_details()
    {
        await using var api = await StartAsync(sync: false);
        foreach (var (method, path) in ProtectedEndpoints)
        {
            var none = await SendAsync(api, Request(new HttpMethod(method), path, devKey: null));
            Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
            Assert.Equal("application/problem+json", none.Response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(401, none.Body.GetProperty("status").GetInt32());

            var wrong = await SendAsync(api, Request(new HttpMethod(method), path, devKey: "guess"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);

            var garbage = await SendAsync(api, Request(new HttpMethod(method), path, devKey: null, principal: "not-base64!"));
            Assert.Equal(HttpStatusCode.Unauthorized, garbage.Status);
        }
        // `hub serve` sits behind no App Service authentication: a made-up principal, admin role and all, is refused,
        // and publishes nothing as "mallory".
        var forged = await SendAsync(api, Request(HttpMethod.Post, $"scoring/{Q3}", new { reason = "forged principal here" }, devKey: null, principal: CallerAuthenticator.Encode("mallory", "Hub.Admin")));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.Contains("not enabled on this host", forged.Body.GetProperty("detail").GetString());
        // Health and the OpenAPI document are anonymous.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, Request(HttpMethod.Get, "health", devKey: null))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, Request(HttpMethod.Get, "openapi.json", devKey: null))).Status);
    }

    [Fact]
    public async Task Bad_parameters_get_400_and_oversized_bodies_413()
    {
        await using var api = await StartAsync(sync: false);
        foreach (var (method, path) in ProtectedEndpoints.Where(e => e.Path.Contains(Q3)))
        {
            var bad = await SendAsync(api, Request(new HttpMethod(method), path.Replace(Q3, "2026-Q9")));
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            Assert.Contains("YYYY-QN", bad.Body.GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(api, Request(HttpMethod.Get, $"scores/{Q3}?unit=G12%3Bdrop"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(api, Request(HttpMethod.Post, $"scoring/{Q3}", new { reason = "short" }))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(api, Request(HttpMethod.Post, $"scoring/{Q3}", "{not json"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(api, Request(HttpMethod.Post, $"publications/{Q3}", new { }))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(api, Request(HttpMethod.Post, $"publications/{Q3}/approval", new { comment = "no decision" }))).Status);
        var huge = await SendAsync(api, Request(HttpMethod.Post, $"scoring/{Q3}", new { reason = new string('x', 20_000) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(api, Request(HttpMethod.Get, $"scoring/{Q3}"))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(api, Request(HttpMethod.Post, $"publications/{Q3}", new { reason = "data corrected by the Tax Department" }))).Status);
    }

    [Fact]
    public async Task Scoring_publication_approval_and_reads_over_the_api_with_409_while_a_run_is_in_progress()
    {
        await using var api = await StartAsync(requireApproval: true);
        var start = await SendAsync(api, Request(HttpMethod.Post, $"scoring/{Q3}", new { reason = "quarterly scoring of Q3" }));
        Assert.Equal(HttpStatusCode.Accepted, start.Status);
        Assert.Equal($"/api/scoring/{Q3}", start.Response.Headers.Location!.ToString());

        // The run now waits at the approval gate: a second start is refused with the status URL.
        await WaitForStageAsync(api, "awaiting-approval");
        var again = await SendAsync(api, Request(HttpMethod.Post, $"scoring/{Q3}"));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal($"/api/scoring/{Q3}", again.Body.GetProperty("statusUrl").GetString());
        var republish = await SendAsync(api, Request(HttpMethod.Post, $"publications/{Q3}", new { reason = "data corrected by the Tax Department" }));
        Assert.Equal(HttpStatusCode.Conflict, republish.Status);

        // Approve: the gate opens (it may take a moment to be ready: 409 with Retry-After meanwhile).
        (HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response) decision = default;
        for (var i = 0; i < 50; i++)
        {
            decision = await SendAsync(api, Request(HttpMethod.Post, $"publications/{Q3}/approval", new { approve = true, comment = "checked" }));
            if (decision.Status != HttpStatusCode.Conflict) break;
            await Task.Delay(200);
        }
        Assert.Equal(HttpStatusCode.Accepted, decision.Status);
        var done = await WaitForStatusAsync(api, "Completed");
        Assert.Equal("published", done.GetProperty("outcome").GetProperty("publication").GetProperty("status").GetString());

        var list = await SendAsync(api, Request(HttpMethod.Get, $"publications/{Q3}"));
        var v1 = Assert.Single(list.Body.GetProperty("publications").EnumerateArray());
        Assert.Equal("developer", v1.GetProperty("publishedBy").GetString());
        Assert.Contains("approved by developer", v1.GetProperty("reason").GetString());

        var scores = await SendAsync(api, Request(HttpMethod.Get, $"scores/{Q3}"));
        Assert.Equal(HttpStatusCode.OK, scores.Status);
        Assert.Equal(8, scores.Body.GetProperty("units").GetArrayLength());
        var unit = await SendAsync(api, Request(HttpMethod.Get, $"scores/{Q3}?unit=G12"));
        Assert.Equal(HttpStatusCode.OK, unit.Status);
        var indicators = unit.Body.GetProperty("unit").GetProperty("indicators");
        Assert.Equal(Hub.Domain.Catalog.IndexCatalogs.Get(Hub.Domain.Catalog.IndexCatalogs.Portal).Indicators.Count(), indicators.GetArrayLength());
        Assert.Contains(indicators.EnumerateArray(), i => i.GetProperty("missed").GetArrayLength() > 0); // explanation
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(api, Request(HttpMethod.Get, $"scores/{Q3}?unit=NOPE"))).Status);

        // The hub against the portal's capture: the simulated portal counts three dossiers more at G12.01.01 (received,
        // never in the sync feed), one online payment more at G12.02; the units outside those subtrees agree.
        var reconciliation = await SendAsync(api, Request(HttpMethod.Get, $"reconciliation/{Q3}"));
        Assert.Equal(HttpStatusCode.OK, reconciliation.Status);
        var byUnit = reconciliation.Body.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("code").GetString()!);
        Assert.Equal(8, byUnit.Count);
        Assert.True(byUnit["G12.03"].GetProperty("agrees").GetBoolean());
        Assert.True(byUnit["G12.04"].GetProperty("agrees").GetBoolean());
        var differing = byUnit["G12.01.01"];
        Assert.False(differing.GetProperty("agrees").GetBoolean());
        var onTime = differing.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "DOSSIER_ON_TIME");
        Assert.True(onTime.GetProperty("flagged").GetBoolean());
        Assert.StartsWith("khác mẫu số", onTime.GetProperty("cause").GetString());
        Assert.Equal(onTime.GetProperty("hubDenominator").GetInt64() + 3, onTime.GetProperty("portalDenominator").GetInt64());
        Assert.NotEmpty(onTime.GetProperty("sampleIds").EnumerateArray()); // the hub's dossiers that cost points, ids only
        var payment = byUnit["G12.02"].GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "ONLINE_PAYMENT_DOSSIER");
        Assert.StartsWith("khác tử số", payment.GetProperty("cause").GetString());
        Assert.Equal(8, reconciliation.Body.GetProperty("unitsAgreeing").GetInt32() + reconciliation.Body.GetProperty("unitsDiffering").GetInt32());
        var one = await SendAsync(api, Request(HttpMethod.Get, $"reconciliation/{Q3}?unit=G12.03"));
        Assert.Equal(1, one.Body.GetProperty("units").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(api, Request(HttpMethod.Get, "reconciliation/2026-07"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(api, Request(HttpMethod.Get, "reconciliation/２０２６-Q3"))).Status);

        // Nothing pending any more.
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(api, Request(HttpMethod.Post, $"publications/{Q3}/approval", new { approve = true }))).Status);

        var sync = await SendAsync(api, Request(HttpMethod.Get, "sync/status"));
        Assert.Equal(LocalSync.Order.Length, sync.Body.GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public async Task Rejection_over_the_api_publishes_nothing()
    {
        await using var api = await StartAsync(requireApproval: true);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(api, Request(HttpMethod.Post, $"scoring/{Q3}"))).Status);
        await WaitForStageAsync(api, "awaiting-approval");
        HttpStatusCode status = default;
        for (var i = 0; i < 50 && status != HttpStatusCode.Accepted; i++)
        {
            status = (await SendAsync(api, Request(HttpMethod.Post, $"publications/{Q3}/approval", new { approve = false, comment = "numbers of G12.02 look wrong" }))).Status;
            if (status != HttpStatusCode.Accepted) await Task.Delay(200);
        }
        var done = await WaitForStatusAsync(api, "Completed");
        Assert.Equal("rejected", done.GetProperty("outcome").GetProperty("publication").GetProperty("status").GetString());
        Assert.Equal(0, (await SendAsync(api, Request(HttpMethod.Get, $"publications/{Q3}"))).Body.GetProperty("publications").GetArrayLength());
    }

    [Fact]
    public void The_Function_Apps_triggers_the_route_table_and_openapi_json_describe_the_same_operations()
    {
        static string Operation(string method, string route) => $"{method.ToUpperInvariant()} /{route.Replace("{*", "{")}";
        using var doc = JsonDocument.Parse(OpenApiDocument.Bytes);
        var documented = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch").Select(o => Operation(o.Name, p.Name.TrimStart('/'))))
            .Order().ToList();
        var table = AdminRoutes.All.Select(r => Operation(r.Method, r.Template)).Order().ToList();
        var triggers = typeof(Hub.Functions.Api.AdminFunctions).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>()?.Name, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
            .Where(f => f.Trigger is not null).ToList();

        Assert.Contains("GET /health", table);
        Assert.Equal(documented, table);
        Assert.Equal(table, triggers.SelectMany(f => f.Trigger!.Methods!.Select(m => Operation(m, f.Trigger.Route!))).Order().ToList());
        foreach (var (function, trigger) in triggers)
        {
            // Each trigger runs the row of its own name, and the host's key level matches who may call it.
            var route = AdminRoutes.Named(function!);
            Assert.Equal(Operation(route.Method, route.Template), Operation(trigger!.Methods!.Single(), trigger.Route!));
            Assert.Equal(route.Access is Access.Anonymous or Access.Signed ? AuthorizationLevel.Anonymous : AuthorizationLevel.Function, trigger.AuthLevel);
        }
    }

    [Fact]
    public async Task The_served_openapi_json_is_what_hub_openapi_generates_from_the_route_table_and_the_handlers_result_types()
    {
        var generated = await Hub.Local.OpenApi.ApiDocumentGenerator.GenerateAsync();
        var served = System.Text.Encoding.UTF8.GetString(OpenApiDocument.Bytes);
        if (generated == served) return;
        var (a, b) = (served.Split('\n'), generated.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"functions/Hub.Api/OpenApi/openapi.json is not what the route table and the handlers' result types make: run "
            + $"`dotnet run --project functions/Hub.Local -- openapi --out functions/Hub.Api/OpenApi/openapi.json`. First difference, line {line + 1}: "
            + $"'{(line < a.Length ? a[line].Trim() : "(end)")}' served, '{(line < b.Length ? b[line].Trim() : "(end)")}' generated.");
    }

    [Fact]
    public async Task Every_JSON_success_answer_of_the_table_has_an_example_and_every_example_is_an_answer()
    {
        // The examples are keyed by answer type: one that no route answers any more is dead weight, and an answer
        // type without one leaves the document without an example (Spectral's hub-success-json-example says where).
        using var doc = JsonDocument.Parse(await Hub.Local.OpenApi.ApiDocumentGenerator.GenerateAsync());
        var answered = new HashSet<Type>();
        foreach (var route in AdminRoutes.All)
        {
            var builder = new Microsoft.AspNetCore.Routing.RouteEndpointBuilder(_ => Task.CompletedTask, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/"), 0);
            route.Describe(builder);
            foreach (var produced in builder.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>())
                if (produced.Type is { } t && t != typeof(void) && t != typeof(string) && produced.ContentTypes.Any(c => c.Contains("json"))) answered.Add(t);
        }
        answered.Add(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails));
        Assert.Empty(answered.Where(t => ApiExamples.For(t) is null && !t.IsAssignableTo(typeof(IFileKind))).Select(t => t.Name));
        Assert.Empty(ApiExamples.Types.Where(t => !answered.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public async Task Hub_serve_answers_every_route_of_the_table_through_its_handler()
    {
        await using var api = await StartAsync(sync: false);
        foreach (var route in AdminRoutes.All)
        {
            var path = route.Template.Replace("{period}", Q3).Replace("{version}", "v1").Replace("{*file}", "index.html");
            var answer = await api.Http.SendAsync(Request(new HttpMethod(route.Method), path, route.Method == "POST" ? new { } : null));
            // The routing layer's own 404/405 have no body; every handler answers with JSON (or the file).
            Assert.True(answer.StatusCode is not (HttpStatusCode.MethodNotAllowed) && answer.Content.Headers.ContentLength != 0,
                $"{route.Method} {path}: {(int)answer.StatusCode} with an empty body");
        }
    }

    private static async Task WaitForStageAsync(Api api, string stage)
    {
        for (var i = 0; i < 300; i++)
        {
            var s = await SendAsync(api, Request(HttpMethod.Get, $"scoring/{Q3}"));
            if (s.Status == HttpStatusCode.OK && s.Body.GetProperty("progress").ValueKind == JsonValueKind.Object
                && s.Body.GetProperty("progress").GetProperty("stage").GetString() == stage) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The run never reached {stage}.");
    }

    private static async Task<JsonElement> WaitForStatusAsync(Api api, string status)
    {
        for (var i = 0; i < 300; i++)
        {
            var s = await SendAsync(api, Request(HttpMethod.Get, $"scoring/{Q3}"));
            if (s.Body.GetProperty("status").GetString() == status) return s.Body;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The run never became {status}.");
    }

    private static CallerAuthenticator Authenticator(bool platformAuth) =>
        new(Microsoft.Extensions.Options.Options.Create(new AdminOptions { Role = "Hub.Admin", PlatformAuthenticationEnabled = platformAuth }));

    [Fact]
    public void The_client_principal_is_believed_only_behind_App_Service_authentication()
    {
        string? Header(string principal, string name) => name == CallerAuthenticator.PrincipalHeader ? principal : null;
        var admin = CallerAuthenticator.Encode("tran.thi.b", "Hub.Admin");

        // As deployed with authsettingsV2: the platform strips client copies and sets the header itself.
        var (who, failure) = Authenticator(platformAuth: true).Authenticate(n => Header(admin, n));
        Assert.Null(failure);
        Assert.Equal("tran.thi.b", who!.Name);
        Assert.Equal(403, Answer.StatusOf(Authenticator(true).Authenticate(n => Header(CallerAuthenticator.Encode("nguyen.van.a", "Reader"), n)).Failure!));
        Assert.Equal(401, Answer.StatusOf(Authenticator(true).Authenticate(_ => null).Failure!));
        Assert.Equal(400, Answer.StatusOf(Authenticator(true).Authenticate(n => Header(CallerAuthenticator.Encode("eve\u202Enimda", "Hub.Admin"), n)).Failure!));
        Assert.Equal(400, Answer.StatusOf(Authenticator(true).Authenticate(n => Header(CallerAuthenticator.Encode("eve\r\nadmin: yes", "Hub.Admin"), n)).Failure!));

        // Without it, anyone holding a function key could write the header: it is refused, whatever it says.
        Assert.Equal(401, Answer.StatusOf(Authenticator(platformAuth: false).Authenticate(n => Header(admin, n)).Failure!));
    }

    [Theory]
    [InlineData("２０２６-Q3", 400)]   // full-width digits
    [InlineData("2021-Q4", 400)]      // before the first period (2022-07)
    [InlineData("2100-Q4", 409)]      // has not ended: never scored, never published
    [InlineData("2026-Q9", 400)]
    public async Task Periods_that_are_not_ours_to_score_are_refused_with_problem_details(string period, int status)
    {
        await using var api = await StartAsync(sync: false);
        var response = await SendAsync(api, Request(HttpMethod.Post, $"scoring/{Uri.EscapeDataString(period)}", new { reason = "hostile period test" }));
        Assert.Equal(status, (int)response.Status);
        Assert.Equal("application/problem+json", response.Response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("   at ", response.Body.GetRawText()); // never a stack trace
    }

    [Theory]
    [InlineData("quarterly rerun\u0000with a NUL")]
    [InlineData("quarterly rerun \u001b[31m red")]
    [InlineData("quarterly rerun\r\nInjected: line")]
    [InlineData("quarterly rerun \u202Eevil override")]
    [InlineData("quarterly rerun \u2067isolate")]
    public async Task Reasons_with_control_or_bidi_characters_are_refused(string reason)
    {
        await using var api = await StartAsync(sync: false);
        var response = await SendAsync(api, Request(HttpMethod.Post, $"scoring/{Q3}", new { reason }));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("'reason' contains", response.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_reports_each_dependency()
    {
        await using var api = await StartAsync(sync: true);
        var health = await SendAsync(api, Request(HttpMethod.Get, "health", devKey: null));
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("reachable", health.Body.GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal(0, health.Body.GetProperty("syncQueue").GetProperty("poisonDepth").GetInt32());
        Assert.Contains(health.Body.GetProperty("sources").EnumerateArray(), s => s.GetProperty("source").GetString() == "portal-dossiers" && s.GetProperty("ageSeconds").GetInt64() >= 0);
    }

    [Fact]
    public async Task Health_answers_within_2_s_on_every_probe_while_storage_is_down()
    {
        // Storage on ports nobody listens on: an outage as the hub sees it.
        var dead = HubProcess.FreePort();
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{dead}/devstoreaccount1;";
        var storage = Hub.Storage.StorageClients.FromConnectionString(connection);
        var health = new HealthService(storage, new Hub.Storage.Sync.SyncStateRepository(storage), [], TimeProvider.System);
        // 25 probes, five at a time (probes from a few instances of a load balancer), each bounded on its own.
        var probes = new List<(int Status, TimeSpan Elapsed)>();
        for (var batch = 0; batch < 5; batch++)
            probes.AddRange(await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var answer = await health.CheckAsync(default);
                return (Answer.StatusOf(answer), watch.Elapsed);
            })));
        Assert.All(probes, p => Assert.Equal(503, p.Status));
        var slowest = probes.Max(p => p.Elapsed);
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"slowest probe took {slowest}");
    }

    [Fact]
    public async Task A_storage_outage_during_a_request_is_a_503_with_problem_details_not_a_500_with_a_stack_trace()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/scoring/2026-Q3";
        context.Request.Headers[CallerAuthenticator.DevelopmentKeyHeader] = DevKey;
        context.Response.Body = new MemoryStream();
        var authenticator = new CallerAuthenticator(Microsoft.Extensions.Options.Options.Create(new AdminOptions { DevelopmentKey = DevKey }));
        context.RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider();
        var router = new ApiRouter(context.RequestServices, authenticator, Microsoft.Extensions.Logging.Abstractions.NullLogger<ApiRouter>.Instance);
        var outage = AdminRoutes.Named("StartScoring") with { Handle = _ => throw new Azure.RequestFailedException(0, "Connection refused (127.0.0.1:10002)") };
        await router.ExecuteAsync(outage, context, durable: null);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("10", context.Response.Headers.RetryAfter.ToString());
        var body = System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Contains("nothing was changed", body);
        Assert.DoesNotContain("   at ", body);
    }
}
