using System.Collections.Concurrent;
using System.Diagnostics;
using Journeys.Contracts.Diagnostics;
using Journeys.Scoring.Hosting;
using Journeys.Scoring.Model;
using Journeys.Scoring.Retrieval;
using TorchSharp;

namespace Journeys.Scoring.Batching;

/// <summary>
/// The production <see cref="ISessionScorer"/>: session actors call <see cref="StepAsync"/> concurrently; requests
/// queue in a blocking queue; one dedicated thread takes up to MaxBatch of them (waiting at most MaxWait after the first
/// for company), runs ONE batched forward plus one matmul + top-K for all of them, and completes each request.
/// Only that thread touches the model, so TorchSharp sees one caller and the model needs no locks.
/// </summary>
public sealed class StepBatcher : ISessionScorer, IDisposable
{
    private readonly ScoringModel model;
    private readonly int maxBatch;
    // Fixed-size blocks make a session's step independent of its batch (SessionModel.Step); one-step batches need none.
    private readonly int blockRows;
    private readonly long maxWaitTicks;
    private readonly int topK;
    private readonly int hiddenSize;
    private readonly BlockingCollection<StepRequest> queue = new(new ConcurrentQueue<StepRequest>());
    private readonly Thread thread;
    private readonly Action<int>? beforeForward;
    private readonly IItemIndex index;
    private readonly bool ownsIndex;

    // Written only by the batch thread; read (possibly a batch apart) by Statistics.
    private readonly long[] sizeCounts;
    private long steps;
    private long forwardTicks;
    private int maxSeen;

    private int disposed;

    /// <summary>A batcher whose top-K candidates come from the index <c>Scoring:Retrieval</c> names (built here, owned).</summary>
    public StepBatcher(ScoringModel model, ScoringOptions options) : this(model, options, beforeForward: null, index: null)
    {
    }

    /// <summary>A batcher whose top-K candidates come from <paramref name="index"/> (over the model's item table; not owned).</summary>
    public StepBatcher(ScoringModel model, ScoringOptions options, IItemIndex index) : this(model, options, beforeForward: null, index ?? throw new ArgumentNullException(nameof(index)))
    {
    }

    /// <param name="beforeForward">Test seam: runs on the batch thread before each forward with the batch size (throw to simulate a failing forward).</param>
    /// <param name="index">Null: build the one <c>Scoring:Retrieval</c> names, and own it.</param>
    internal StepBatcher(ScoringModel model, ScoringOptions options, Action<int>? beforeForward, IItemIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TopK);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxWait, TimeSpan.Zero);
        this.model = model;
        this.beforeForward = beforeForward;
        maxBatch = options.MaxBatch;
        blockRows = maxBatch == 1 ? 1 : SessionModel.ScoringChunkRows;
        maxWaitTicks = (long)(options.MaxWait.TotalSeconds * Stopwatch.Frequency);
        // Never more than the vocabulary minus the out-of-vocabulary index, which is never recommended.
        topK = Math.Min(options.TopK, model.Metadata.Dimensions.ItemCount - 1);
        hiddenSize = model.Metadata.Dimensions.HiddenSize;
        if (index is not null && index.ItemCount != model.Metadata.Dimensions.ItemCount)
            throw new ArgumentException($"The index covers {index.ItemCount} rows; the model has {model.Metadata.Dimensions.ItemCount} items.", nameof(index));
        this.index = index ?? ItemIndexFactory.Create(model, options, blockRows);
        ownsIndex = index is null;
        sizeCounts = new long[maxBatch + 1];
        // The batch thread waits on the queue directly (the writer signals it). An async channel's wake-up would be a
        // thread-pool work item: with the pool busy (thousands of sessions waiting for this very thread), the model
        // stalled for seconds. Measured in the demo: 0 steps for 18 s at 20,000 events.
        thread = new Thread(Run) { IsBackground = true, Name = "Journeys.StepBatcher" };
        thread.Start();
    }

    public ModelInfo Model => model.Info;

    public BatchStatistics Statistics
    {
        get
        {
            var counts = new long[sizeCounts.Length];
            for (var i = 0; i < counts.Length; i++) counts[i] = Volatile.Read(ref sizeCounts[i]);
            var total = counts.Sum();
            return new BatchStatistics(
                total,
                Volatile.Read(ref steps),
                Volatile.Read(ref maxSeen),
                BatchStatistics.Percentile(counts, total, 0.50),
                BatchStatistics.Percentile(counts, total, 0.99),
                Stopwatch.GetElapsedTime(0, Volatile.Read(ref forwardTicks)),
                counts);
        }
    }

    public ValueTask<StepResult> StepAsync(StepFeatures features, float[] h, float[] c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(c);
        if (h.Length != hiddenSize) throw new ArgumentException($"h has {h.Length} values; the model's hidden size is {hiddenSize}.", nameof(h));
        if (c.Length != hiddenSize) throw new ArgumentException($"c has {c.Length} values; the model's hidden size is {hiddenSize}.", nameof(c));
        // Checked here so one caller's bad index faults only its own step, not the whole batch it would join.
        CheckIndices(features);
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<StepResult>(cancellationToken);

        var request = new StepRequest(features, h, c);
        if (cancellationToken.CanBeCanceled)
        {
            request.Registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((StepRequest)state!).Completion.TrySetCanceled(token), request);
        }
        try
        {
            queue.Add(request);
        }
        catch (InvalidOperationException)
        {
            // Adding was completed: the batcher is disposed.
            request.Registration.Dispose();
            throw new ObjectDisposedException(nameof(StepBatcher));
        }
        return new ValueTask<StepResult>(request.Completion.Task);
    }

    /// <summary>Stops accepting steps, lets the thread finish the queued ones, and waits for it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        queue.CompleteAdding();
        thread.Join();
        queue.Dispose();
        if (ownsIndex) index.Dispose();
    }

    private void CheckIndices(StepFeatures f)
    {
        var d = model.Metadata.Dimensions;
        Check(f.Type, SessionModelDimensions.TypeCount, nameof(f.Type));
        Check(f.Product, d.ItemCount, nameof(f.Product));
        Check(f.Category, d.CategoryCount, nameof(f.Category));
        Check(f.PriceBucket, d.PriceBucketCount, nameof(f.PriceBucket));
        Check(f.GapBucket, d.GapBucketCount, nameof(f.GapBucket));

        static void Check(int value, int count, string name)
        {
            if ((uint)value >= (uint)count)
                throw new ArgumentOutOfRangeException("features", value, $"StepFeatures.{name} must be in [0, {count}) for this model; encode events with its FeatureEncoder.");
        }
    }

    private void Run()
    {
        var batch = new List<StepRequest>(maxBatch);
        // TryTake returns false once adding is complete and the queue is drained: queued steps are finished first.
        while (queue.TryTake(out var first, Timeout.Infinite))
        {
            Add(batch, first);
            var deadline = Stopwatch.GetTimestamp() + maxWaitTicks;
            while (batch.Count < maxBatch)
            {
                if (queue.TryTake(out var request))
                {
                    Add(batch, request);
                    continue;
                }
                var remaining = deadline - Stopwatch.GetTimestamp();
                // Waits round up to whole milliseconds, the resolution of the OS wait.
                var milliseconds = (int)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency);
                if (remaining <= 0 || !queue.TryTake(out request, milliseconds)) break;
                Add(batch, request);
            }
            if (batch.Count > 0) Execute(batch);
            batch.Clear();
        }

        static void Add(List<StepRequest> batch, StepRequest request)
        {
            // A request cancelled while queued is already complete; it takes no slot.
            if (!request.Completion.Task.IsCompleted) batch.Add(request);
        }
    }

    private void Execute(List<StepRequest> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var n = batch.Count;
        try
        {
            beforeForward?.Invoke(n);
            var results = Forward(batch);
            var elapsed = Stopwatch.GetTimestamp() - started;
            StageClock.Add(EngineStage.Model, Stopwatch.GetElapsedTime(0, elapsed));
            Record(n, elapsed);
            for (var i = 0; i < n; i++) batch[i].Complete(results[i]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The batch fails, the batcher does not: each caller sees the error, the next batch runs as usual.
            Record(n, Stopwatch.GetTimestamp() - started);
            foreach (var request in batch) request.Fail(e);
        }
    }

    private StepResult[] Forward(List<StepRequest> batch)
    {
        var n = batch.Count;
        var h = hiddenSize;
        var indices = new long[n * 5];
        var hBuffer = new float[n * h];
        var cBuffer = new float[n * h];
        for (var i = 0; i < n; i++)
        {
            var f = batch[i].Features;
            var row = i * 5;
            indices[row] = f.Type;
            indices[row + 1] = f.Product;
            indices[row + 2] = f.Category;
            indices[row + 3] = f.PriceBucket;
            indices[row + 4] = f.GapBucket;
            batch[i].H.CopyTo(hBuffer, i * h);
            batch[i].C.CopyTo(cBuffer, i * h);
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = model.Device;
        var x = torch.tensor(indices, n, 5).to(device);
        var h0 = torch.tensor(hBuffer, n, h).to(device);
        var c0 = torch.tensor(cBuffer, n, h).to(device);
        var output = model.Network.Step(x, h0, c0, blockRows);

        // One [n, 2H + 5 + 2 + K] float block and one [n, K] index block: two device→host copies per batch.
        var parts = new List<torch.Tensor>
        {
            output.H, output.C, output.StageProbabilities, output.Conversion.unsqueeze(1), output.Friction.unsqueeze(1),
        };
        torch.Tensor? topIndices = null;
        if (topK > 0)
        {
            // Exact: the same blocked matrix product as SessionModel.TopNextItems, to the bit.
            var retrieving = StageClock.Start();
            var found = index.Search(output.SessionEmbedding, topK);
            StageClock.Stop(EngineStage.Retrieval, retrieving);
            parts.Add(found.Probabilities());
            topIndices = found.Indices;
        }
        var width = (2 * h) + SessionModelDimensions.StageCount + 2 + topK;
        var block = new float[n * width];
        torch.cat(parts, 1).contiguous().cpu().data<float>().CopyTo(block, 0, 0);
        var items = new long[n * topK];
        topIndices?.contiguous().cpu().data<long>().CopyTo(items, 0, 0);

        var results = new StepResult[n];
        for (var i = 0; i < n; i++)
        {
            var row = block.AsSpan(i * width, width);
            var stage = row.Slice(2 * h, SessionModelDimensions.StageCount).ToArray();
            var scoreOffset = (2 * h) + SessionModelDimensions.StageCount + 2;
            var top = new ScoredItem[topK];
            for (var k = 0; k < topK; k++)
                top[k] = new ScoredItem(model.Encoder.ProductAt((int)items[(i * topK) + k]) ?? string.Empty, row[scoreOffset + k]);
            results[i] = new StepResult(
                row[..h].ToArray(),
                row.Slice(h, h).ToArray(),
                stage,
                row[(2 * h) + SessionModelDimensions.StageCount],
                row[(2 * h) + SessionModelDimensions.StageCount + 1],
                top);
        }
        return results;
    }

    private void Record(int size, long ticks)
    {
        Interlocked.Increment(ref sizeCounts[size]);
        Interlocked.Add(ref steps, size);
        Interlocked.Add(ref forwardTicks, ticks);
        if (size > maxSeen) Volatile.Write(ref maxSeen, size);
    }

    private sealed class StepRequest(StepFeatures features, float[] h, float[] c)
    {
        public StepFeatures Features { get; } = features;
        public float[] H { get; } = h;
        public float[] C { get; } = c;

        // Continuations run on the thread pool, never inline on the batch thread.
        public TaskCompletionSource<StepResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public void Complete(StepResult result)
        {
            Registration.Unregister();
            Completion.TrySetResult(result);
        }

        public void Fail(Exception error)
        {
            Registration.Unregister();
            Completion.TrySetException(error);
        }
    }
}
