namespace Journeys.LoadTest;

/// <summary>Where the load generator sends clicks: a Kafka topic, or the engine-only run's in-process log.</summary>
internal interface IClickTarget
{
    /// <summary>Sends one click (wire JSON); <paramref name="sentAt"/> is when it was due (Stopwatch ticks).</summary>
    void Append(string key, byte[] value, long sentAt);

    /// <summary>The end of a burst of appends: wake whoever waits for clicks.</summary>
    void Signal();

    /// <summary>Clicks accepted by the target so far.</summary>
    long Accepted { get; }
}
