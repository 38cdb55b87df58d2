namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// Accumulates ranks into HR@K (hit rate: target within the top K; the SR-GNN paper's P@K) and MRR@K (mean of 1/rank
/// when the rank is ≤ K, else 0), for K = 10 and 20.
/// </summary>
public sealed class RankMetrics
{
    private long _cases;
    private long _hits10;
    private long _hits20;
    private double _reciprocal10;
    private double _reciprocal20;

    public void Add(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        _cases++;
        if (rank <= 20)
        {
            _hits20++;
            _reciprocal20 += 1.0 / rank;
            if (rank <= 10)
            {
                _hits10++;
                _reciprocal10 += 1.0 / rank;
            }
        }
    }

    public void AddRange(IEnumerable<int> ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        foreach (var r in ranks) Add(r);
    }

    public long Cases => _cases;

    public NextItemScores Scores => new(
        _cases,
        Fraction(_hits20),
        _cases == 0 ? 0 : _reciprocal20 / _cases,
        Fraction(_hits10),
        _cases == 0 ? 0 : _reciprocal10 / _cases);

    private double Fraction(long hits) => _cases == 0 ? 0 : (double)hits / _cases;
}
