namespace Journeys.Contracts.Diagnostics;

/// <summary>
/// The parts of the engine whose CPU time is accounted separately (<see cref="StageClock"/>), in the order an event
/// meets them. The load test reports its CPU breakdown by these.
/// </summary>
public enum EngineStage
{
    /// <summary>Taking records from Kafka (or the in-process source) and tracking their offsets.</summary>
    Consume,

    /// <summary>Decoding and validating click payloads.</summary>
    Decode,

    /// <summary>Routing events to session actors (the stream's dispatch and the session region).</summary>
    Route,

    /// <summary>The session actor's own work: state, features, the decision's assembly.</summary>
    Session,

    /// <summary>The batched model forward on the batcher thread.</summary>
    Model,

    /// <summary>Top-K item retrieval for the batch (exact or IVF index).</summary>
    Retrieval,

    /// <summary>Recommendations (blend and rules) and the price offer.</summary>
    Advice,

    /// <summary>Writing the decision (or dead letter) as UTF-8 JSON.</summary>
    Encode,

    /// <summary>Handing outcomes to the producer and handling delivery reports.</summary>
    Produce,

    /// <summary>Encoding session snapshots and writing them to Garnet.</summary>
    StateWrite,

    /// <summary>The catalog and forecast stages.</summary>
    Views,
}
