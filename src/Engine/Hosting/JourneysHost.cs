using Journeys.Contracts.Events;
using Journeys.Engine.Http;
using Journeys.Ingest;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Hosting;
using Journeys.SessionActors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Journeys.Engine.Hosting;

/// <summary>
/// The composition root: configuration (appsettings.json, then <c>JOURNEYS__</c> environment variables, then
/// command-line flags) and one <c>AddX</c> per module. Used by <c>journeys serve</c>, the demo, the load test and the
/// tests, so all of them run the same engine.
/// </summary>
public static class JourneysHost
{
    /// <summary>Environment variable prefix: <c>JOURNEYS__Kafka__BootstrapServers</c> sets <c>Kafka:BootstrapServers</c>.</summary>
    public const string EnvironmentPrefix = "JOURNEYS__";

    /// <summary>
    /// Thread-pool floor. Measured: on a 2-core machine (pool minimum 2) a backlog at start stalled every decision for
    /// 18 s to over 60 s until the pool injected threads; with a floor of 8 the same test finished in 4 s; a later stall grew the pool to 167 threads, hence 64. Some pool
    /// threads are held in a way the pool cannot see (root cause still open); the floor keeps progress possible.
    /// </summary>
    public const int MinThreadPoolThreads = 64;

    /// <summary>The configuration key of the log format (<c>--log-format</c>): <c>console</c> (default) or <c>json</c>.</summary>
    public const string LogFormatKey = "Logging:Format";

    public const string JsonLogFormat = "json";

    public const string ConsoleLogFormat = "console";

    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">Logging:Format is neither console nor json.</exception>
    private static string LogFormat(IConfiguration configuration)
    {
        var format = configuration[LogFormatKey]?.Trim().ToLowerInvariant() ?? ConsoleLogFormat;
        return format is ConsoleLogFormat or JsonLogFormat ? format
            : throw new Microsoft.Extensions.Options.OptionsValidationException(LogFormatKey, typeof(string),
                [$"Logging:Format (--log-format) is '{configuration[LogFormatKey]}': use console or json."]);
    }

    /// <param name="seedEvents">
    /// Catalog events for the seeded, untrained model the engine runs when no model file is configured (neither
    /// <c>Scoring:ModelPath</c> nor the bundled one): its item vocabulary is theirs. Read only then, once, at start.
    /// The CLI passes the bundled sample's events; null leaves start-up without a model file to fail and say so.
    /// </param>
    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> overrides,
        Func<IEnumerable<ClickEvent>>? seedEvents, Action<ILoggingBuilder>? logging = null)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MinThreadPoolThreads), io);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The model trained on the bundled sample (data/models, docs/model.md "Training and evaluation") is the default when
        // it was built into the output; settings from the later sources (Scoring:ModelPath) override it.
        if (File.Exists(BundledModels.ModelPath))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Scoring:ModelPath"] = BundledModels.ModelPath });
        }
        // Likewise the demand model trained on the same sample (data/models/README.md) prices by default.
        if (File.Exists(BundledModels.DemandModelPath))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Pricing:DemandModelPath"] = BundledModels.DemandModelPath });
        }
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(overrides);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (logging is null && LogFormat(builder.Configuration) == JsonLogFormat)
        {
            // One JSON object a line (timestamp, level, category, event id, message and its named values) for log shippers.
            builder.Logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        else if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Services
            .AddIngest(builder.Configuration)
            .AddScoring(builder.Configuration);
        if (seedEvents is not null)
        {
            // Without any model file (neither Scoring:ModelPath nor the bundled one), the engine runs a seeded, untrained
            // model whose item vocabulary is these events' catalog; decisions say so in modelVersion.
            builder.Services.AddScoringSeedEvents(_ => seedEvents());
        }
        builder.Services
            .AddAdvice(builder.Configuration)
            .AddSessionActors(builder.Configuration)
            .AddHttpSurface(builder.Configuration)
            .AddEngine(builder.Configuration);
        return builder;
    }
}
