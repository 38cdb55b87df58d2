namespace Journeys.Engine;

/// <summary>
/// A product among the most recommended of late (<see cref="TopRecommendations"/>): its decayed count, by how much
/// that count may exceed the truth (Space-Saving's bound; 0 when exact), and its count by recommendation reason.
/// </summary>
public sealed record RecommendedProduct(string ProductId, long Count, long MaxOvercount, IReadOnlyList<KeyValuePair<string, long>> Reasons)
{
    /// <summary>Sums one product's counts over the stripes of a <see cref="TopRecommendations"/>.</summary>
    internal sealed class Builder(string productId)
    {
        private readonly Dictionary<string, long> _reasons = new(StringComparer.Ordinal);

        public string ProductId { get; } = productId;

        public long Count { get; set; }

        public long MaxOvercount { get; set; }

        public void AddReason(string reason, long count) => _reasons[reason] = _reasons.GetValueOrDefault(reason) + count;

        public RecommendedProduct Build() => new(ProductId, Count, MaxOvercount,
            [.. _reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)]);
    }
}
