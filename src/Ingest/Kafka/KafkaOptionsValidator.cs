using Microsoft.Extensions.Options;

namespace Journeys.Ingest.Kafka;

/// <summary>Checks what DataAnnotations cannot express; each message says which setting to change and how.</summary>
public sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    private static readonly TimeSpan MaxRevokeTimeout = TimeSpan.FromMinutes(4);

    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            failures.Add("Kafka:BootstrapServers is required: set it to the brokers' host:port list, e.g. localhost:9092.");
        }
        RequireName(failures, options.GroupId, "GroupId");
        RequireName(failures, options.ClicksTopic, "ClicksTopic");
        RequireName(failures, options.DecisionsTopic, "DecisionsTopic");
        RequireName(failures, options.DeadLetterTopic, "DeadLetterTopic");
        RequireName(failures, options.CatalogTopic, "CatalogTopic");
        if (options.MaxInFlightPerPartition < 1)
        {
            failures.Add($"Kafka:MaxInFlightPerPartition is {options.MaxInFlightPerPartition}: set it to 1 or more (default 1000).");
        }
        if (options.FetchWaitMaxMs is < 0 or > 300_000)
        {
            failures.Add($"Kafka:FetchWaitMaxMs is {options.FetchWaitMaxMs}: set it between 0 and 300000 ms (default 5).");
        }
        if (options.BufferSize < 1)
        {
            failures.Add($"Kafka:BufferSize is {options.BufferSize}: set it to 1 or more (default 1024).");
        }
        if (options.CommitInterval <= TimeSpan.Zero)
        {
            failures.Add($"Kafka:CommitInterval is {options.CommitInterval}: set a positive duration such as 00:00:01.");
        }
        if (options.RevokeTimeout < TimeSpan.Zero || options.RevokeTimeout > MaxRevokeTimeout)
        {
            failures.Add($"Kafka:RevokeTimeout is {options.RevokeTimeout}: set it between 0 and {MaxRevokeTimeout} (below max.poll.interval.ms), e.g. 00:00:05.");
        }
        if (options.LingerMs is < 0 or > 1000)
        {
            failures.Add($"Kafka:LingerMs is {options.LingerMs}: set it between 0 and 1000 (decisions have a 50 ms budget; 0–5 fits).");
        }
        if (string.Equals(options.ClicksTopic, options.DecisionsTopic, StringComparison.Ordinal)
            || string.Equals(options.ClicksTopic, options.DeadLetterTopic, StringComparison.Ordinal))
        {
            failures.Add("Kafka:ClicksTopic must differ from DecisionsTopic and DeadLetterTopic, or the engine would consume its own output.");
        }
        if (string.Equals(options.CatalogTopic, options.ClicksTopic, StringComparison.Ordinal)
            || string.Equals(options.CatalogTopic, options.DecisionsTopic, StringComparison.Ordinal))
        {
            failures.Add("Kafka:CatalogTopic must differ from ClicksTopic and DecisionsTopic: product feed records are not clicks.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireName(List<string> failures, string value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"Kafka:{setting} is empty: set it or remove it to use the default.");
        }
    }
}
