using Journeys.Scoring.Retrieval;

namespace Journeys.Lab.Retrieval;

/// <summary>
/// Per catalog: the CPU cost per query (in batches of 128, <see cref="AnnMeasurement.CpuPerQueryAt128"/>) of exact search and of the cheapest IVF setting that reaches
/// the recall target — the comparison that decides the default retrieval for a catalog size.
/// </summary>
public sealed record AnnCrossover(string Catalog, long Items, double ExactPerQuery, string? IvfSetting, double? IvfPerQuery, double? IvfRecall)
{
    /// <summary>Exact time over IVF time (> 1: the IVF is faster at the recall target); null when no IVF setting reached it.</summary>
    public double? Speedup => IvfPerQuery is { } ivf && ivf > 0 ? ExactPerQuery / ivf : null;

    public static IReadOnlyList<AnnCrossover> From(IEnumerable<AnnMeasurement> measurements, double recallTarget)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var result = new List<AnnCrossover>();
        foreach (var catalog in measurements.GroupBy(m => m.Catalog))
        {
            var exact = catalog.FirstOrDefault(m => m.Index == RetrievalModes.Exact);
            if (exact is null) continue;
            var ivf = catalog.Where(m => m.Index == RetrievalModes.Ivf && m.Recall >= recallTarget).MinBy(m => m.CpuPerQueryAt128);
            result.Add(new AnnCrossover(catalog.Key, exact.Items, exact.CpuPerQueryAt128, ivf?.Setting, ivf?.CpuPerQueryAt128, ivf?.Recall));
        }
        return [.. result.OrderBy(c => c.Items)];
    }

    /// <summary>
    /// The catalog size where exact and IVF cost the same per query, interpolated in log-log between the two measured
    /// sizes where the winner changes; null when it does not change within the measured sizes.
    /// </summary>
    public static double? Interpolate(IReadOnlyList<AnnCrossover> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var measured = points.Where(p => p.Speedup is not null).OrderBy(p => p.Items).ToList();
        for (var i = 1; i < measured.Count; i++)
        {
            var (a, b) = (measured[i - 1], measured[i]);
            var (ra, rb) = (Math.Log(a.Speedup!.Value), Math.Log(b.Speedup!.Value));
            if (ra <= 0 && rb > 0)
            {
                var t = -ra / (rb - ra);
                return Math.Exp(Math.Log(a.Items) + (t * (Math.Log(b.Items) - Math.Log(a.Items))));
            }
        }
        return null;
    }
}
