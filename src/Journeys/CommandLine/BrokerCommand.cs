using System.CommandLine;
using Journeys.Ingest.Broker;
using Journeys.Ingest.Kafka;

namespace Journeys.CommandLine;

/// <summary><c>journeys broker</c>: a Kafka-protocol broker in this process, for local development and kcat.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "Fixed loopback bootstrap port (0 = the mock's random port)",
            DefaultValueFactory = _ => 0,
            Validators = { r => { if (r.GetValueOrDefault<int>() is < 0 or > 65535) r.AddError("--port must be between 0 and 65535"); } },
        };
        var partitions = Flags.Positive("--partitions", "Partitions of the clicks and decisions topics", 4, 1024);
        var command = new Command("broker", "Start an in-process Kafka-protocol broker (librdkafka mock cluster) with the Journeys topics; runs until Ctrl+C.")
        {
            port, partitions,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var broker = EmbeddedKafkaBroker.Start();
            var options = new KafkaOptions();
            broker.CreateTopic(options.ClicksTopic, parse.GetValue(partitions));
            broker.CreateTopic(options.DecisionsTopic, parse.GetValue(partitions));
            broker.CreateTopic(options.DeadLetterTopic, 1);

            var fixedPort = parse.GetValue(port);
            await using var forwarder = fixedPort == 0 ? null : BootstrapForwarder.Start(fixedPort, broker.BootstrapServers);
            var bootstrap = forwarder is null ? broker.BootstrapServers.Split(',')[0] : $"127.0.0.1:{forwarder.Port}";
            // The first line is the contract scripts read: "bootstrap: host:port".
            Console.WriteLine($"bootstrap: {bootstrap}");
            Console.WriteLine($"topics: {options.ClicksTopic} ({parse.GetValue(partitions)}), {options.DecisionsTopic} ({parse.GetValue(partitions)}), {options.DeadLetterTopic} (1)");
            Console.WriteLine("in-memory Kafka-protocol broker (librdkafka mock cluster); Ctrl+C stops it and discards its data");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            return 0;
        });
        return command;
    }
}
