using System.CommandLine;

namespace Journeys.CommandLine;

/// <summary>The <c>journeys</c> command: one subcommand per job, each in its own file.</summary>
public static class JourneysCommandLine
{
    public static RootCommand Create() => new("Journeys: real-time personalization decisions from a Kafka click stream.")
    {
        BrokerCommand.Create(),
        ServeCommand.Create(),
        ReplayCommand.Create(),
        DemoCommand.Create(),
        LoadTestCommand.Create(),
        TrainCommand.Create(),
        EvaluateCommand.Create(),
        EraseCommand.Create(),
        ExportCommand.Create(),
        CatalogCommand.Create(),
    };
}
