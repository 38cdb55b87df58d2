namespace Journeys.Scoring.Evaluation.NextItem;

/// <summary>
/// Accumulates ranks into HR@K (hit rate: target within the top K; the SR-GNN paper's P@K) and MRR@K (mean of 1/rank
/// when the rank is ≤ K, else 0), for K = 10 and 20.
/// </summary>
public sealed class RankMetrics
{
    private long cases;
    private long hits10;
    private long hits20;
    private double reciprocal10;
    private double reciprocal20;

    public void Add(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        cases++;
        if (rank <= 20)
        {
            hits20++;
            reciprocal20 += 1.0 / rank;
            if (rank <= 10)
            {
                hits10++;
                reciprocal10 += 1.0 / rank;
            }
        }
    }

    public void AddRange(IEnumerable<int> ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        foreach (var r in ranks) Add(r);
    }

    public long Cases => cases;

    public NextItemScores Scores => new(
        cases,
        Fraction(hits20),
        cases == 0 ? 0 : reciprocal20 / cases,
        Fraction(hits10),
        cases == 0 ? 0 : reciprocal10 / cases);

    private double Fraction(long hits) => cases == 0 ? 0 : (double)hits / cases;
}
