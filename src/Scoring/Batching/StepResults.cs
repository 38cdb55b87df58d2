namespace Journeys.Scoring.Batching;

/// <summary>
/// The heads' outputs of one batched step, row by row, read by each session of the batch on its own thread and then
/// released; the last release returns the block to its pool for a later batch, so steady batching allocates nothing.
/// </summary>
public sealed class StepResults
{
    private readonly Action<StepResults>? _recycle;
    private int _outstanding;

    /// <param name="recycle">Where the block goes when every row is released (null: nowhere; the GC takes it).</param>
    public StepResults(int rows, int topK, int stageCount, Action<StepResults>? recycle = null)
    {
        Capacity = rows;
        TopK = topK;
        StageCount = stageCount;
        Stages = new float[rows * stageCount];
        Conversion = new float[rows];
        Friction = new float[rows];
        Items = new int[rows * topK];
        Scores = new float[rows * topK];
        _recycle = recycle;
    }

    public int Capacity { get; }

    public int TopK { get; }

    public int StageCount { get; }

    /// <summary>[row × StageCount] stage probabilities.</summary>
    public float[] Stages { get; }

    public float[] Conversion { get; }

    public float[] Friction { get; }

    /// <summary>[row × TopK] vocabulary indices of the best next items, best first.</summary>
    public int[] Items { get; }

    /// <summary>[row × TopK] their probabilities.</summary>
    public float[] Scores { get; }

    /// <summary>Hands the block to <paramref name="rows"/> readers.</summary>
    public void Share(int rows) => Volatile.Write(ref _outstanding, rows);

    /// <summary>One reader is done with its row.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _recycle?.Invoke(this);
        }
    }
}
