namespace Journeys.SessionActors.State;

/// <summary>
/// One session's state to write: its snapshot without the pending decisions (<paramref name="Core"/>, encoded when the
/// session applied its event), the decisions it has not seen delivered (the writer stores those still undelivered
/// when it writes), and its latest decision's wire JSON. A null <paramref name="Core"/> erases the session (its
/// snapshot and latest decision are deleted, in order with its earlier writes). <paramref name="UserId"/>, when given,
/// (re)adds the session to its user's index, which <c>journeys erase --user</c> reads. <paramref name="Partition"/> is
/// the Kafka partition whose owner writes it (-1 when not from Kafka): a write is fenced by that partition's epoch.
/// </summary>
public sealed record SnapshotWrite(
    string SessionId,
    byte[]? Core,
    IReadOnlyList<PendingDecision> Pending,
    byte[]? LatestDecision,
    string? UserId = null,
    int Partition = -1)
{
    /// <summary>An erasure of the session.</summary>
    public static SnapshotWrite Erasure(string sessionId) => new(sessionId, null, [], null);

    /// <summary>The snapshot as Garnet stores it (core and undelivered decisions), decoded; null for an erasure.</summary>
    public SessionSnapshot? Decode()
    {
        if (Core is null)
        {
            return null;
        }
        var output = new System.Buffers.ArrayBufferWriter<byte>(Core.Length + 256);
        SessionSnapshotCodec.Complete(Core, Pending, output);
        return SessionSnapshotCodec.Decode(output.WrittenMemory);
    }
}
