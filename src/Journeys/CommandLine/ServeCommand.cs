using System.CommandLine;
using Journeys.Demo;
using Journeys.Engine.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Journeys.CommandLine;

/// <summary><c>journeys serve</c>: the engine against any Kafka, until Ctrl+C or a fatal error.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var bootstrap = Flags.Bootstrap(required: false);
        bootstrap.Description += " (or Kafka:BootstrapServers in config / JOURNEYS__Kafka__BootstrapServers)";
        var group = new Option<string?>("--group") { Description = "Consumer group id (default journeys)" };
        var model = new Option<string?>("--model") { Description = "Model file to serve (Scoring:ModelPath)" };
        var device = new Option<string?>("--device") { Description = "auto | cpu | cuda (Scoring:Device)" };
        var http = Flags.Http();
        var backend = Flags.Backend();
        var logFormat = new Option<string?>("--log-format")
        {
            Description = "console (default) or json: one JSON object a line (Logging:Format)",
        };
        logFormat.AcceptOnlyFromAmong(JourneysHost.ConsoleLogFormat, JourneysHost.JsonLogFormat);
        var command = new Command("serve", "Run the Journeys engine: consume clicks, decide, produce decisions.")
        {
            bootstrap, group, model, device, backend, http, logFormat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            Put(overrides, "Kafka:BootstrapServers", parse.GetValue(bootstrap));
            Put(overrides, "Kafka:GroupId", parse.GetValue(group));
            Put(overrides, "Scoring:ModelPath", parse.GetValue(model));
            Put(overrides, "Scoring:Device", parse.GetValue(device));
            Put(overrides, "Scoring:Backend", parse.GetValue(backend));
            Put(overrides, "Http:Urls", parse.GetValue(http));
            Put(overrides, JourneysHost.LogFormatKey, parse.GetValue(logFormat));
            try
            {
                using var host = JourneysHost.CreateBuilder(overrides, BundledData.SampleEvents).Build();
                await host.RunAsync(cancellationToken);
                return Environment.ExitCode;
            }
            catch (OptionsValidationException ex)
            {
                await Console.Error.WriteLineAsync($"journeys serve: invalid configuration: {string.Join(" ", ex.Failures)}");
                return 2;
            }
        });
        return command;
    }

    private static void Put(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
