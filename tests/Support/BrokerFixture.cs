using Journeys.Ingest.Broker;

namespace Journeys.Tests.Support;

/// <summary>One in-process Kafka-protocol broker per test class; each test makes its own topics and group.</summary>
public sealed class BrokerFixture : IDisposable
{
    public EmbeddedKafkaBroker Broker { get; } = EmbeddedKafkaBroker.Start();

    public void Dispose() => Broker.Dispose();
}
