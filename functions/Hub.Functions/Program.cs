using Hub.Workflows;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Function App: triggers only. Everything they hand over to is registered by AddHub, the same as in `hub`.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddHub(builder.Configuration);
builder.Services.AddHostedService<Hub.Functions.StorageWatchService>();
builder.Build().Run();
