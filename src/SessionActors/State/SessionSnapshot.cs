namespace Journeys.SessionActors.State;

/// <summary>
/// A session as stored in Garnet: everything needed to continue it on any engine node — the LSTM state, the journey
/// (counters, purchase flags, cart), recent history and the event ids it refuses as duplicates (as hashes) — plus where it stands
/// in Kafka (the partition and offset of the last event applied) and the decisions not yet confirmed delivered when
/// it was taken, which are re-sent if their events are consumed again. <see cref="PurchasedItems"/> and
/// <see cref="Offers"/> (prices shown, for price stability) came with format 2; format-1 snapshots read them as empty.
/// </summary>
public sealed record SessionSnapshot(
    string SessionId,
    string ModelVersion,
    int Partition,
    long Offset,
    int Sequence,
    DateTimeOffset? LastTimestamp,
    float[] H,
    float[] C,
    IReadOnlyList<int> TypeCounts,
    bool HasPurchased,
    int EngagementsAfterPurchase,
    IReadOnlyList<KeyValuePair<string, int>> Cart,
    IReadOnlyList<string> RecentItems,
    IReadOnlyList<ulong> SeenEventHashes,
    IReadOnlyList<PendingDecision> Pending,
    IReadOnlyList<string> PurchasedItems,
    IReadOnlyList<Sessions.ShownOffer> Offers);
