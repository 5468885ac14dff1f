using Microsoft.AspNetCore.Http;
using Hub.Api.Auth;
using Hub.Api.Routes;

namespace Hub.Integration.Tests;

/// <summary>Unit viewers in the Function App's own composition, signed in as App Service authentication passes them
/// (X-MS-CLIENT-PRINCIPAL, believed because WEBSITE_AUTH_ENABLED=True): every route of the table is tried by a viewer
/// of one subtree on a unit of another.</summary>
[Collection(AzuriteCollection.Name)]
public class AccessTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Viewer = "Can.Bo.Hai.Quan@mof.gov.vn";
    private static readonly string Q3 = TestHub.Q3.ToString();

    private Task<FunctionAppHost> StartAsync() =>
        FunctionAppHost.StartAsync(azurite, new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" });

    /// <summary>Runs a route of the table as the given principal (or the administrators' development key).</summary>
    private static async Task<(int Status, string Body)> CallAsync(FunctionAppHost app, ApiRoute route, string? principal, string? unit, string? body = null, string scopeOf = "someone@mof.gov.vn")
    {
        var values = new List<(string, string)>();
        var path = route.Template;
        foreach (var (name, value) in new[] { ("period", Q3), ("version", "v1"), ("file", "index.html"), ("feed", "dossiers"), ("principal", scopeOf), ("unit", "G12"), ("id", "0123456789abcdef") })
        {
            if (!path.Contains("{" + name + "}") && !path.Contains("{*" + name + "}")) continue;
            values.Add((name, value));
            path = path.Replace("{" + name + "}", value).Replace("{*" + name + "}", value);
        }
        var request = app.Request(route.Method, "/api/" + path, body ?? (route.Method is "POST" or "PUT" ? "{}" : null), key: principal is null ? FunctionAppHost.DevKey : null);
        if (principal is not null) request.Request.Headers[CallerAuthenticator.PrincipalHeader] = principal;
        if (unit is not null) request.Request.QueryString = new QueryString("?unit=" + Uri.EscapeDataString(unit));
        await app.Services.GetRequiredService<ApiRouter>().ExecuteAsync(route.Name, request.Request, null, values.ToArray());
        request.Response.Body.Position = 0;
        return (request.Response.StatusCode, await new StreamReader(request.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_unit_viewer_is_refused_outside_their_subtree_on_every_route_and_answered_inside_it()
    {
        await using var app = await StartAsync();
        await app.TickSyncTimerAsync(SyncSources.All.Single(s => s.Name == PortalAgenciesSource.SourceName));
        await app.DrainSyncQueueAsync();
        var tree = await app.Services.GetRequiredService<Hub.Storage.Evidence.UnitRepository>().LoadTreeAsync(default);
        var customs = tree.Units.Single(u => u.Code == "G12.02");
        var inside = tree.Subtree("G12.02").Last();
        var outside = tree.Subtree("G12.01").Last();
        var viewer = CallerAuthenticator.Encode(Viewer, "Hub.Viewer");

        // No scope yet: nothing, not even the viewer's own unit.
        var getLive = AdminRoutes.Named("GetLive");
        var none = await CallAsync(app, getLive, viewer, inside);
        Assert.Equal(403, none.Status);
        Assert.Contains("no units yet", none.Body);

        // An administrator grants the customs subtree (the name as the identity provider spells it, any case).
        var grant = await CallAsync(app, AdminRoutes.Named("SetScope"), null, null, $$"""{"units":["{{customs.Code}}"],"reason":"Cục Hải quan: theo dõi đơn vị trực thuộc"}""", scopeOf: Viewer.ToUpperInvariant());
        Assert.Equal(200, grant.Status);
        Assert.Contains(Viewer.ToLowerInvariant(), grant.Body);
        Assert.Equal(400, (await CallAsync(app, AdminRoutes.Named("SetScope"), null, null, """{"units":["X99"],"reason":"an unknown unit is refused"}""", scopeOf: Viewer)).Status);

        var refusedEverywhere = new List<string>();
        foreach (var route in AdminRoutes.All)
        {
            switch (route.Access)
            {
                case Access.Anonymous:
                    continue; // health, the API document, the published reports: public by design
                case Access.Sender:
                    // A signed-in viewer is not a sending system: its own key or nothing.
                    Assert.Equal(401, (await CallAsync(app, route, viewer, outside, "[]")).Status);
                    refusedEverywhere.Add($"{route.Method} {route.Template}: 401");
                    continue;
                case Access.Administrator:
                    var admin = await CallAsync(app, route, viewer, outside);
                    Assert.True(admin.Status == 403, $"{route.Name} answered a unit viewer {admin.Status}: {admin.Body}");
                    Assert.Equal(403, (await CallAsync(app, route, viewer, inside)).Status); // administrators' routes: not even inside
                    refusedEverywhere.Add($"{route.Method} {route.Template}: 403");
                    continue;
                case Access.Signed:
                    // The console: the home page shows the viewer's own units only; another unit's page (G12, above the
                    // scope) and an administrator's action are refused.
                    var page = await CallAsync(app, route, viewer, null, route.Method == "POST" ? "reason=viewer+tries+to+republish&token=x" : null);
                    if (route.Name == "Console")
                    {
                        Assert.Equal(200, page.Status);
                        Assert.Contains(inside, page.Body);
                        Assert.DoesNotContain(outside, page.Body);
                        refusedEverywhere.Add($"{route.Method} {route.Template}: 200 with {customs.Code}'s units only ({outside} absent)");
                    }
                    else
                    {
                        Assert.True(page.Status == 403, $"{route.Name} answered a viewer of {customs.Code} with {page.Status}");
                        refusedEverywhere.Add($"{route.Method} {route.Template} (G12): 403");
                    }
                    continue;
                case Access.UnitViewer:
                    var other = await CallAsync(app, route, viewer, outside);
                    Assert.True(other.Status == 403, $"{route.Name} answered a viewer of {customs.Code} on {outside} with {other.Status}: {other.Body}");
                    Assert.DoesNotContain(outside, other.Body); // the refusal does not echo (or confirm) the other unit
                    Assert.Equal(403, (await CallAsync(app, route, viewer, null)).Status); // no unit: everything, so no
                    Assert.Equal(403, (await CallAsync(app, route, viewer, "G12")).Status); // the parent is outside too
                    var own = await CallAsync(app, route, viewer, inside);
                    Assert.True(own.Status is not (401 or 403 or 500), $"{route.Name} refused a viewer of {customs.Code} on {inside}: {own.Status} {own.Body}");
                    refusedEverywhere.Add($"{route.Method} {route.Template}?unit={outside}: 403; ?unit={inside}: {own.Status}");
                    continue;
            }
        }
        Assert.Equal(AdminRoutes.All.Count(r => r.Access != Access.Anonymous), refusedEverywhere.Count);
        foreach (var line in refusedEverywhere) output.WriteLine(line); // the closing note's table

        // A principal with neither role, and the scope removed: refused.
        Assert.Equal(403, (await CallAsync(app, getLive, CallerAuthenticator.Encode(Viewer, "Hub.Reader"), inside)).Status);
        Assert.Equal(204, (await CallAsync(app, AdminRoutes.Named("DeleteScope"), null, null, scopeOf: Viewer)).Status);
        Assert.Equal(403, (await CallAsync(app, getLive, viewer, inside)).Status);
        Assert.Equal(404, (await CallAsync(app, AdminRoutes.Named("DeleteScope"), null, null, scopeOf: Viewer)).Status);
    }

    [Fact]
    public async Task A_development_viewer_identity_is_scoped_like_a_signed_in_one_and_never_an_administrator()
    {
        await using var app = await FunctionAppHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Admin:DevelopmentIdentities:xem-thu:Key"] = "viewer-dev-key-123",
            ["Admin:DevelopmentIdentities:xem-thu:Role"] = "Hub.Viewer",
        });
        await app.TickSyncTimerAsync(SyncSources.All.Single(s => s.Name == PortalAgenciesSource.SourceName));
        await app.DrainSyncQueueAsync();
        Assert.Equal(200, (await CallAsync(app, AdminRoutes.Named("SetScope"), null, null, """{"units":["G12.01"],"reason":"thử quyền xem cục thuế"}""", scopeOf: "xem-thu")).Status);
        async Task<int> AsViewer(string route, string? unit)
        {
            var r = AdminRoutes.Named(route);
            var request = app.Request(r.Method, "/api/" + r.Template.Replace("{period}", Q3), r.Method == "POST" ? """{"reason":"a viewer trying to start a run"}""" : null, key: "viewer-dev-key-123");
            if (unit is not null) request.Request.QueryString = new QueryString("?unit=" + unit);
            await app.Services.GetRequiredService<ApiRouter>().ExecuteAsync(r.Name, request.Request, null, ("period", Q3));
            return request.Response.StatusCode;
        }
        Assert.Equal(403, await AsViewer("StartScoring", null));
        Assert.Equal(403, await AsViewer("GetScores", "G12.02"));
        Assert.Equal(404, await AsViewer("GetScores", "G12.01")); // inside: answered (not scored yet)
    }
}
