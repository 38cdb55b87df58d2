using Journeys.Scoring.Batching;

namespace Journeys.Scoring.Model;

/// <summary>
/// The batcher's reply to one session's step: its row of a batch's <see cref="StepResults"/> (the new h and c are
/// already in the session's arena row), or the error that failed the step. Read it, then <see cref="Release"/> it
/// exactly once.
/// </summary>
public readonly struct StepReply
{
    private readonly StepResults? _results;
    private readonly int _row;

    public StepReply(StepResults results, int row)
    {
        _results = results;
        _row = row;
        Error = null;
    }

    public StepReply(Exception error)
    {
        _results = null;
        _row = 0;
        Error = error;
    }

    /// <summary>Why the step failed (the session's state is unchanged), or null.</summary>
    public Exception? Error { get; }

    public ReadOnlySpan<float> StageProbabilities => Results.Stages.AsSpan(_row * Results.StageCount, Results.StageCount);

    public float ConversionProbability => Results.Conversion[_row];

    public float FrictionScore => Results.Friction[_row];

    /// <summary>Vocabulary indices of the best next items, best first (see <c>FeatureEncoder.ProductAt</c>).</summary>
    public ReadOnlySpan<int> TopItems => Results.Items.AsSpan(_row * Results.TopK, Results.TopK);

    /// <summary>Their probabilities.</summary>
    public ReadOnlySpan<float> TopScores => Results.Scores.AsSpan(_row * Results.TopK, Results.TopK);

    private StepResults Results => _results ?? throw new InvalidOperationException("the step failed; it has no results", Error);

    internal StepResults? Block => _results;

    internal int Row => _row;

    public void Release() => _results?.Release();
}
