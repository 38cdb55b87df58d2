using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Tests.Recommendations;

public sealed class BlendCandidatesTests
{
    private static readonly double[] Specials =
    [
        double.NaN, -double.NaN, double.NegativeInfinity, double.MinValue, -1, -double.Epsilon, -0.0, 0.0, double.Epsilon,
        1e-300, 0.1, 1.0 / 3, 0.5, 1, double.MaxValue, double.PositiveInfinity,
    ];

    [Fact]
    public void Order_keys_rank_totals_exactly_as_double_CompareTo_does()
    {
        var rng = new Random(11);
        double[] values = [.. Specials, .. Enumerable.Range(0, 200).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-20, 20)))];

        foreach (var a in values)
        {
            foreach (var b in values)
            {
                Assert.True(Math.Sign(a.CompareTo(b)) == BlendCandidates.OrderKey(a).CompareTo(BlendCandidates.OrderKey(b)),
                    $"{a:R} vs {b:R}");
            }
        }
    }
}
