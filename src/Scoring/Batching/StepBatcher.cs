using System.Diagnostics;
using System.Runtime.InteropServices;
using Journeys.Contracts.Diagnostics;
using Journeys.Scoring.Hosting;
using Journeys.Scoring.Model;
using Journeys.Scoring.Onnx;
using Journeys.Scoring.Retrieval;
using TorchSharp;

namespace Journeys.Scoring.Batching;

/// <summary>
/// The production <see cref="ISessionScorer"/>: session actors submit steps concurrently; one dedicated thread takes up
/// to MaxBatch of them (waiting at most MaxWait after the first for company), runs ONE batched forward plus one top-K
/// search for all of them, writes each session's new state back into its arena row and hands each its row of the
/// batch's results. Only that thread touches the model, so TorchSharp sees one caller and the model needs no locks.
/// Nothing is allocated per step: inputs are gathered from the arena into tensors allocated once, and result blocks are
/// pooled.
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
    private readonly Thread thread;
    private readonly Action<int>? beforeForward;
    private readonly IItemIndex index;
    private readonly bool ownsIndex;
    // Scoring:Backend = onnx: ONNX Runtime runs the step over the same input tensors; null: TorchSharp does.
    private readonly OnnxStepRunner? onnx;
    private readonly int onnxThreads;

    // Submitted and not yet taken; guarded by the gate, which the batch thread also waits on.
    private readonly object gate = new();
    private List<Request> incoming;
    private List<Request> taking;
    // The batch thread sleeps until this many requests are queued (1 when idle, the rest of a batch while it waits for
    // company, never while it runs a forward): a submit wakes it only when that changes what it would do.
    private int wakeAt = int.MaxValue;
    private bool completed;

    // Gathered inputs of a batch, allocated once for the largest batch (padded to whole blocks).
    private readonly torch.Tensor inputs;
    private readonly torch.Tensor hiddenIn;
    private readonly torch.Tensor cellIn;
    private readonly Stack<StepResults> pool = new();
    private readonly Lock poolGate = new();

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
        States = new StateArena(hiddenSize);
        incoming = new List<Request>(maxBatch);
        taking = new List<Request>(maxBatch);
        sizeCounts = new long[maxBatch + 1];
        var capacity = (maxBatch + blockRows - 1) / blockRows * blockRows;
        inputs = torch.zeros(capacity, 5, torch.int64);
        hiddenIn = torch.zeros(capacity, hiddenSize);
        cellIn = torch.zeros(capacity, hiddenSize);
        Backend = ScoringBackends.Resolve(options.Backend, onGpu: model.Device.type != DeviceType.CPU);
        onnxThreads = options.OnnxThreads;
        if (Backend == ScoringBackends.Onnx) onnx = new OnnxStepRunner(model, inputs, hiddenIn, cellIn, blockRows, onnxThreads);
        // The batch thread waits on the gate directly (a submit signals it). An async wake-up would be a thread-pool work
        // item: with the pool busy (thousands of sessions waiting for this very thread), the model stalled for seconds.
        thread = new Thread(Run) { IsBackground = true, Name = "Journeys.StepBatcher" };
        thread.Start();
    }

    public ModelInfo Model => model.Info;

    /// <summary>What runs the step: <see cref="ScoringBackends.Torch"/> or <see cref="ScoringBackends.Onnx"/>.</summary>
    public string Backend { get; }

    /// <summary>The runtime behind <see cref="Backend"/>, its version and where it runs (for the start-up log).</summary>
    public string Runtime => onnx is not null
        ? $"ONNX Runtime {OnnxStepRunner.RuntimeVersion}, {onnx.Provider}, {onnxThreads} intra-op thread(s)"
        : $"TorchSharp (libtorch {TorchSharp.torch.__version__}), {model.Device}, {TorchSharp.torch.get_num_threads()} intra-op thread(s)";

    public StateArena States { get; }

    public string? ProductAt(int index) => model.Encoder.ProductAt(index);

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

    public void Submit(StepFeatures features, int slot, IStepListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        // Checked here so one caller's bad index faults only its own step, not the whole batch it would join.
        CheckIndices(features);
        lock (gate)
        {
            if (completed) throw new ObjectDisposedException(nameof(StepBatcher));
            incoming.Add(new Request(features, slot, listener));
            if (incoming.Count >= wakeAt) Monitor.Pulse(gate);
        }
    }

    /// <summary>
    /// One step from state held in arrays, for tools and tests: the state is copied into a row of its own for the step
    /// and the result copied out (<see cref="StepResult.H"/> and <see cref="StepResult.C"/> are new arrays; items carry
    /// their product ids). The engine's sessions use <see cref="Submit"/>.
    /// </summary>
    public ValueTask<StepResult> StepAsync(StepFeatures features, float[] h, float[] c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(c);
        if (h.Length != hiddenSize) throw new ArgumentException($"h has {h.Length} values; the model's hidden size is {hiddenSize}.", nameof(h));
        if (c.Length != hiddenSize) throw new ArgumentException($"c has {c.Length} values; the model's hidden size is {hiddenSize}.", nameof(c));
        CheckIndices(features);
        cancellationToken.ThrowIfCancellationRequested();
        var slot = States.Rent();
        h.CopyTo(States.H(slot));
        c.CopyTo(States.C(slot));
        var listener = new AwaitedStep();
        try
        {
            Submit(features, slot, listener);
        }
        catch
        {
            States.Return(slot);
            throw;
        }
        return AwaitStepAsync(listener, slot, cancellationToken);
    }

    private async ValueTask<StepResult> AwaitStepAsync(AwaitedStep listener, int slot, CancellationToken cancellationToken)
    {
        using (cancellationToken.UnsafeRegister(static state => ((AwaitedStep)state!).Cancel(), listener))
        {
            try
            {
                var outcome = await listener.Completion.Task.ConfigureAwait(false);
                try
                {
                    if (outcome.Error is { } error) throw error;
                    var top = new ScoredItem[outcome.TopItems.Length];
                    for (var k = 0; k < top.Length; k++)
                        top[k] = new ScoredItem(model.Encoder.ProductAt(outcome.TopItems[k]) ?? string.Empty, outcome.TopScores[k]);
                    return new StepResult(States.H(slot).ToArray(), States.C(slot).ToArray(), outcome.StageProbabilities.ToArray(),
                        outcome.ConversionProbability, outcome.FrictionScore, top);
                }
                finally
                {
                    outcome.Release();
                }
            }
            finally
            {
                // Cancelled or not, the row is free only once the batcher is done with it.
                States.Return(slot);
            }
        }
    }

    /// <summary>Stops accepting steps, lets the thread finish the queued ones, and waits for it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        lock (gate)
        {
            completed = true;
            Monitor.Pulse(gate);
        }
        thread.Join();
        if (ownsIndex) index.Dispose();
        onnx?.Dispose();
        inputs.Dispose();
        hiddenIn.Dispose();
        cellIn.Dispose();
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
        var batch = new List<Request>(maxBatch);
        // Returns once adding is complete and the queue is drained: queued steps are finished first.
        while (Take(batch))
        {
            if (batch.Count > 0) Execute(batch);
            batch.Clear();
        }
    }

    /// <summary>Waits for a first request, then up to MaxWait for company; false once disposed and drained.</summary>
    private bool Take(List<Request> batch)
    {
        lock (gate)
        {
            while (incoming.Count == 0)
            {
                if (completed) return false;
                wakeAt = 1;
                Monitor.Wait(gate);
            }
            var deadline = Stopwatch.GetTimestamp() + maxWaitTicks;
            while (true)
            {
                TakeQueued(batch);
                var remaining = deadline - Stopwatch.GetTimestamp();
                if (batch.Count >= maxBatch || remaining <= 0 || completed) break;
                wakeAt = maxBatch - batch.Count;
                // Waits round up to whole milliseconds, the resolution of the OS wait.
                Monitor.Wait(gate, (int)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency));
            }
            wakeAt = int.MaxValue;
            return true;
        }
    }

    private void TakeQueued(List<Request> batch)
    {
        // Swap the lists when all of them fit: no copying under the lock in the common case.
        var room = maxBatch - batch.Count;
        if (batch.Count == 0 && incoming.Count <= room)
        {
            (taking, incoming) = (incoming, taking);
            foreach (var request in taking) Add(batch, request);
            taking.Clear();
            return;
        }
        var n = Math.Min(room, incoming.Count);
        for (var i = 0; i < n; i++) Add(batch, incoming[i]);
        incoming.RemoveRange(0, n);

        static void Add(List<Request> batch, Request request)
        {
            // A step whose awaiting caller gave up takes no place in a forward.
            if (request.Listener is AwaitedStep { IsCancelled: true } cancelled)
            {
                cancelled.OnStepped(new StepOutcome(new OperationCanceledException("the step was cancelled before it ran")));
                return;
            }
            batch.Add(request);
        }
    }

    private void Execute(List<Request> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var clock = StageClock.Start();
        var n = batch.Count;
        var results = RentResults();
        try
        {
            beforeForward?.Invoke(n);
            Forward(batch, results, clock);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The batch fails, the batcher does not: each caller sees the error (its state untouched), the next batch
            // runs as usual.
            Record(n, Stopwatch.GetTimestamp() - started);
            Recycle(results);
            foreach (var request in batch) Notify(request.Listener, new StepOutcome(e));
            return;
        }
        var elapsed = Stopwatch.GetTimestamp() - started;
        StageClock.Stop(EngineStage.Model, clock);
        Record(n, elapsed);
        results.Share(n);
        for (var i = 0; i < n; i++) Notify(batch[i].Listener, new StepOutcome(results, i));
    }

    private static void Notify(IStepListener listener, StepOutcome outcome)
    {
        try
        {
            listener.OnStepped(outcome);
        }
#pragma warning disable CA1031 // A listener's bug must not stop the batcher for every other session.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Trace.TraceError($"A step listener threw: {e}");
        }
    }

    /// <summary>
    /// Gathers the batch's inputs from the arena, runs the forward and the top-K search, and only when both succeeded
    /// writes each session's new state back into its row (a failed batch leaves every session's state as it was).
    /// </summary>
    private void Forward(List<Request> batch, StepResults results, StageTimer clock)
    {
        var n = batch.Count;
        var h = hiddenSize;
        var padded = (n + blockRows - 1) / blockRows * blockRows;
        var x = Longs(inputs, padded * 5);
        var h0 = Floats(hiddenIn, padded * h);
        var c0 = Floats(cellIn, padded * h);
        for (var i = 0; i < n; i++)
        {
            var f = batch[i].Features;
            var row = x.Slice(i * 5, 5);
            row[0] = f.Type;
            row[1] = f.Product;
            row[2] = f.Category;
            row[3] = f.PriceBucket;
            row[4] = f.GapBucket;
            var state = States.Row(batch[i].Slot);
            state[..h].CopyTo(h0.Slice(i * h, h));
            state[h..].CopyTo(c0.Slice(i * h, h));
        }
        // Padding rows are zeros, as SessionModel.Step would pad them itself.
        x[(n * 5)..].Clear();
        h0[(n * h)..].Clear();
        c0[(n * h)..].Clear();

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = model.Device;
        // ONNX Runtime reads the same gathered rows in place and computes them in one call: a row's floats are the same
        // in any batch there too (BatchInvarianceTests), and blocks would only add calls.
        var output = onnx is not null
            ? onnx.Step(padded)
            : model.Network.Step(inputs.narrow(0, 0, padded).to(device), hiddenIn.narrow(0, 0, padded).to(device),
                cellIn.narrow(0, 0, padded).to(device), blockRows);
        var retrieving = StageClock.StartWithin(clock);
        ItemSearchResult? found = null;
        torch.Tensor? probabilities = null, indices = null;
        if (topK > 0 && index is IHostItemIndex host)
        {
            // A CPU index reads the embeddings in place and writes straight into the results.
            var embeddings = output.SessionEmbedding.narrow(0, 0, n).cpu().contiguous();
            host.Search(Floats(embeddings, n * (int)embeddings.shape[1]), n, topK, results.Items, results.Scores);
        }
        else if (topK > 0)
        {
            // Exact: the same blocked matrix product as SessionModel.TopNextItems, to the bit.
            found = index.Search(output.SessionEmbedding.narrow(0, 0, n), topK);
            probabilities = found.Probabilities().cpu().contiguous();
            indices = found.Indices.cpu().contiguous();
        }
        StageClock.StopNested(EngineStage.Retrieval, EngineStage.Model, retrieving);

        var newH = output.H.cpu().contiguous();
        var newC = output.C.cpu().contiguous();
        var stages = output.StageProbabilities.cpu().contiguous();
        var conversion = output.Conversion.cpu().contiguous();
        var friction = output.Friction.cpu().contiguous();
        Floats(stages, n * SessionModelDimensions.StageCount).CopyTo(results.Stages);
        Floats(conversion, n).CopyTo(results.Conversion);
        Floats(friction, n).CopyTo(results.Friction);
        if (found is not null)
        {
            Floats(probabilities!, n * topK).CopyTo(results.Scores);
            var items = Longs(indices!, n * topK);
            for (var i = 0; i < items.Length; i++) results.Items[i] = (int)items[i];
        }
        var hOut = Floats(newH, n * h);
        var cOut = Floats(newC, n * h);
        for (var i = 0; i < n; i++)
        {
            var state = States.Row(batch[i].Slot);
            hOut.Slice(i * h, h).CopyTo(state[..h]);
            cOut.Slice(i * h, h).CopyTo(state[h..]);
        }
    }

    /// <summary>The first <paramref name="count"/> floats of a contiguous CPU tensor's memory (no copy).</summary>
    private static Span<float> Floats(torch.Tensor t, int count) => MemoryMarshal.Cast<byte, float>(t.bytes)[..count];

    private static Span<long> Longs(torch.Tensor t, int count) => MemoryMarshal.Cast<byte, long>(t.bytes)[..count];

    private StepResults RentResults()
    {
        lock (poolGate)
        {
            if (pool.TryPop(out var results)) return results;
        }
        return new StepResults(maxBatch, topK, SessionModelDimensions.StageCount, Recycle);
    }

    private void Recycle(StepResults results)
    {
        lock (poolGate)
        {
            pool.Push(results);
        }
    }

    private void Record(int size, long ticks)
    {
        Interlocked.Increment(ref sizeCounts[size]);
        Interlocked.Add(ref steps, size);
        Interlocked.Add(ref forwardTicks, ticks);
        if (size > maxSeen) Volatile.Write(ref maxSeen, size);
    }

    private readonly record struct Request(StepFeatures Features, int Slot, IStepListener Listener);

    /// <summary>A step awaited by <see cref="StepAsync"/>.</summary>
    private sealed class AwaitedStep : IStepListener
    {
        private int _cancelled;

        // Continuations run on the thread pool, never inline on the batch thread.
        public TaskCompletionSource<StepOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsCancelled => Volatile.Read(ref _cancelled) == 1;

        public void Cancel()
        {
            Volatile.Write(ref _cancelled, 1);
        }

        public void OnStepped(StepOutcome outcome)
        {
            if (IsCancelled)
            {
                outcome.Release();
                Completion.TrySetCanceled();
                return;
            }
            Completion.TrySetResult(outcome);
        }
    }
}
