using Journeys.Contracts.Decisions;

namespace Journeys.Engine;

/// <summary>
/// The most recommended products of late with their reasons, for the dashboard: product ids are unbounded, so they
/// cannot be metric labels; this keeps a bounded summary in process instead (<see cref="RecommendationSummary"/>,
/// Space-Saving with halving counts).
/// <para>
/// Session actors decide concurrently, so the summary is striped by thread: a decision takes its thread's stripe's lock,
/// which another thread holds only if it maps to the same stripe, or while a reader merges (once a second). Nothing is
/// allocated per decision once the stripes are full.
/// </para>
/// </summary>
public sealed class TopRecommendations
{
    /// <summary>Products kept per stripe: a few hundred, far more than the dashboard shows.</summary>
    public const int DefaultCapacity = 256;

    /// <summary>Each stripe's counts halve after this many recommendations.</summary>
    public const long DefaultHalveEvery = 1 << 16;

    private readonly RecommendationSummary[] _stripes;
    private readonly int _mask;

    public TopRecommendations(int capacity = DefaultCapacity, long halveEvery = DefaultHalveEvery, int stripes = 0)
    {
        if (stripes <= 0) stripes = Math.Min(16, Environment.ProcessorCount);
        var count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)stripes);
        _mask = count - 1;
        _stripes = new RecommendationSummary[count];
        for (var i = 0; i < count; i++) _stripes[i] = new RecommendationSummary(capacity, halveEvery);
    }

    /// <summary>Counts each of the decision's recommendations under its product and reason.</summary>
    public void Add(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var recommendations = decision.Recommendations;
        if (recommendations.Count == 0) return;
        var stripe = _stripes[Environment.CurrentManagedThreadId & _mask];
        lock (stripe)
        {
            // Indexed, not foreach: enumerating an IReadOnlyList allocates its enumerator.
            for (var i = 0; i < recommendations.Count; i++)
            {
                var r = recommendations[i];
                stripe.Add(r.ProductId, r.Reason);
            }
        }
    }

    /// <summary>The <paramref name="count"/> most counted products, most first (ties by id), each with its reasons.</summary>
    public IReadOnlyList<RecommendedProduct> Top(int count)
    {
        var merged = new Dictionary<string, RecommendedProduct.Builder>(StringComparer.Ordinal);
        foreach (var stripe in _stripes)
        {
            lock (stripe) stripe.MergeInto(merged);
        }
        return [.. merged.Values
            .OrderByDescending(b => b.Count).ThenBy(b => b.ProductId, StringComparer.Ordinal)
            .Take(count)
            .Select(b => b.Build())];
    }
}
