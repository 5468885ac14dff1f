using Hub.Api;
using Hub.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Function App: triggers only. Everything they hand over to is registered by AddHub and AddAdminApi, the same as
// in `hub`; AddHub also exports the logs, traces and metrics (Hub.Workflows/Telemetry).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Every invocation's logs carry its invocation id to the host again (see InvocationLogScope: upstream #3489).
builder.UseMiddleware<Hub.Functions.Telemetry.InvocationLogScope>();
builder.Services.AddHub(builder.Configuration).AddAdminApi(builder.Configuration);
// The worker's own spans (function invocations) join the hub's traces.
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
builder.Services.AddHostedService<Hub.Functions.StorageWatchService>();
builder.Build().Run();
