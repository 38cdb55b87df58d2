namespace Journeys.Ingest.Kafka;

/// <summary>The materialized value of a click source (Kafka's or the load test's in-process one): stop it and await it.</summary>
public interface IClickSourceControl
{
    /// <summary>Completes when the source has stopped and committed what it could; faults when it stopped on an error.</summary>
    Task Completion { get; }

    /// <summary>
    /// Stops taking records and completes the stream, waits up to <paramref name="drainTimeout"/> for records already
    /// emitted to complete, and commits the final watermarks.
    /// </summary>
    Task StopAsync(TimeSpan drainTimeout);
}
