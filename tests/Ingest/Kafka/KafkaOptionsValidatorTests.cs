using Journeys.Ingest.Kafka;

namespace Journeys.Ingest.Tests.Kafka;

public class KafkaOptionsValidatorTests
{
    [Fact]
    public void Missing_bootstrap_servers_names_the_setting_to_fix()
    {
        var result = new KafkaOptionsValidator().Validate(null, new KafkaOptions());
        Assert.True(result.Failed);
        Assert.Contains("Kafka:BootstrapServers", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_with_bootstrap_servers_are_valid()
    {
        var result = new KafkaOptionsValidator().Validate(null, new KafkaOptions { BootstrapServers = "localhost:9092" });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Consuming_the_decisions_topic_is_refused()
    {
        var options = new KafkaOptions { BootstrapServers = "localhost:9092", ClicksTopic = "journeys.decisions" };
        var result = new KafkaOptionsValidator().Validate(null, options);
        Assert.Contains("ClicksTopic", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Pass_through_settings_cannot_turn_auto_commit_back_on()
    {
        var options = new KafkaOptions { BootstrapServers = "localhost:9092", Consumer = { ["enable.auto.commit"] = "true" } };
        Assert.False(options.ToConsumerConfig().EnableAutoCommit);
    }
}
