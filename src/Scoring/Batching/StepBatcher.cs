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
    private readonly ScoringModel _model;
    private readonly int _maxBatch;
    // Fixed-size blocks make a session's step independent of its batch (SessionModel.Step); one-step batches need none.
    private readonly int _blockRows;
    private readonly long _maxWaitTicks;
    private readonly int _topK;
    private readonly int _hiddenSize;
    private readonly Thread _thread;
    private readonly Action<int>? _beforeForward;
    private readonly IItemIndex _index;
    private readonly bool _ownsIndex;
    // Scoring:Backend = onnx: ONNX Runtime runs the step over the same input tensors; null: TorchSharp does.
    private readonly OnnxStepRunner? _onnx;
    private readonly int _onnxThreads;

    // Submitted and not yet taken; guarded by the gate, which the batch thread also waits on.
    private readonly object _gate = new();
    private List<Request> _incoming;
    private List<Request> _taking;
    // The batch thread sleeps until this many requests are queued (1 when idle, the rest of a batch while it waits for
    // company, never while it runs a forward): a submit wakes it only when that changes what it would do.
    private int _wakeAt = int.MaxValue;
    private bool _completed;

    // Gathered inputs of a batch, allocated once for the largest batch (padded to whole blocks).
    private readonly torch.Tensor _inputs;
    private readonly torch.Tensor _hiddenIn;
    private readonly torch.Tensor _cellIn;
    private readonly Stack<StepResults> _pool = new();
    private readonly Lock _poolGate = new();

    // Written only by the batch thread; read (possibly a batch apart) by Statistics.
    private readonly long[] _sizeCounts;
    private long _steps;
    private long _forwardTicks;
    private int _maxSeen;

    private int _disposed;

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
        this._model = model;
        this._beforeForward = beforeForward;
        _maxBatch = options.MaxBatch;
        _blockRows = _maxBatch == 1 ? 1 : SessionModel.ScoringChunkRows;
        _maxWaitTicks = (long)(options.MaxWait.TotalSeconds * Stopwatch.Frequency);
        // Never more than the vocabulary minus the out-of-vocabulary index, which is never recommended.
        _topK = Math.Min(options.TopK, model.Metadata.Dimensions.ItemCount - 1);
        _hiddenSize = model.Metadata.Dimensions.HiddenSize;
        if (index is not null && index.ItemCount != model.Metadata.Dimensions.ItemCount)
            throw new ArgumentException($"The index covers {index.ItemCount} rows; the model has {model.Metadata.Dimensions.ItemCount} items.", nameof(index));
        this._index = index ?? ItemIndexFactory.Create(model, options, _blockRows);
        _ownsIndex = index is null;
        States = new StateArena(_hiddenSize);
        _incoming = new List<Request>(_maxBatch);
        _taking = new List<Request>(_maxBatch);
        _sizeCounts = new long[_maxBatch + 1];
        var capacity = (_maxBatch + _blockRows - 1) / _blockRows * _blockRows;
        _inputs = torch.zeros(capacity, 5, torch.int64);
        _hiddenIn = torch.zeros(capacity, _hiddenSize);
        _cellIn = torch.zeros(capacity, _hiddenSize);
        Backend = ScoringBackends.Resolve(options.Backend, onGpu: model.Device.type != DeviceType.CPU);
        _onnxThreads = options.OnnxThreads;
        if (Backend == ScoringBackends.Onnx) _onnx = new OnnxStepRunner(model, _inputs, _hiddenIn, _cellIn, _blockRows, _onnxThreads);
        // The batch thread waits on the gate directly (a submit signals it). An async wake-up would be a thread-pool work
        // item: with the pool busy (thousands of sessions waiting for this very thread), the model stalled for seconds.
        _thread = new Thread(Run) { IsBackground = true, Name = "Journeys.StepBatcher" };
        _thread.Start();
    }

    public ModelInfo Model => _model.Info;

    /// <summary>What runs the step: <see cref="ScoringBackends.Torch"/> or <see cref="ScoringBackends.Onnx"/>.</summary>
    public string Backend { get; }

    /// <summary>The runtime behind <see cref="Backend"/>, its version and where it runs (for the start-up log).</summary>
    public string Runtime => _onnx is not null
        ? $"ONNX Runtime {OnnxStepRunner.RuntimeVersion}, {_onnx.Provider}, {_onnxThreads} intra-op thread(s)"
        : $"TorchSharp (libtorch {TorchSharp.torch.__version__}), {_model.Device}, {TorchSharp.torch.get_num_threads()} intra-op thread(s)";

    public StateArena States { get; }

    public string? ProductAt(int index) => _model.Encoder.ProductAt(index);

    public BatchStatistics Statistics
    {
        get
        {
            var counts = new long[_sizeCounts.Length];
            for (var i = 0; i < counts.Length; i++) counts[i] = Volatile.Read(ref _sizeCounts[i]);
            var total = counts.Sum();
            return new BatchStatistics(
                total,
                Volatile.Read(ref _steps),
                Volatile.Read(ref _maxSeen),
                BatchStatistics.Percentile(counts, total, 0.50),
                BatchStatistics.Percentile(counts, total, 0.99),
                Stopwatch.GetElapsedTime(0, Volatile.Read(ref _forwardTicks)),
                counts);
        }
    }

    public void Submit(StepFeatures features, int slot, IStepListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        // Checked here so one caller's bad index faults only its own step, not the whole batch it would join.
        CheckIndices(features);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            _incoming.Add(new Request(features, slot, listener));
            if (_incoming.Count >= _wakeAt) Monitor.Pulse(_gate);
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
        if (h.Length != _hiddenSize) throw new ArgumentException($"h has {h.Length} values; the model's hidden size is {_hiddenSize}.", nameof(h));
        if (c.Length != _hiddenSize) throw new ArgumentException($"c has {c.Length} values; the model's hidden size is {_hiddenSize}.", nameof(c));
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
                var reply = await listener.Completion.Task.ConfigureAwait(false);
                try
                {
                    if (reply.Error is { } error) throw error;
                    var top = new ScoredItem[reply.TopItems.Length];
                    for (var k = 0; k < top.Length; k++)
                        top[k] = new ScoredItem(_model.Encoder.ProductAt(reply.TopItems[k]) ?? string.Empty, reply.TopScores[k]);
                    return new StepResult(States.H(slot).ToArray(), States.C(slot).ToArray(), reply.StageProbabilities.ToArray(),
                        reply.ConversionProbability, reply.FrictionScore, top);
                }
                finally
                {
                    reply.Release();
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
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_gate)
        {
            _completed = true;
            Monitor.Pulse(_gate);
        }
        _thread.Join();
        if (_ownsIndex) _index.Dispose();
        _onnx?.Dispose();
        _inputs.Dispose();
        _hiddenIn.Dispose();
        _cellIn.Dispose();
    }

    private void CheckIndices(StepFeatures features)
    {
        var d = _model.Metadata.Dimensions;
        Check(features.Type, SessionModelDimensions.TypeCount, nameof(features.Type));
        Check(features.Product, d.ItemCount, nameof(features.Product));
        Check(features.Category, d.CategoryCount, nameof(features.Category));
        Check(features.PriceBucket, d.PriceBucketCount, nameof(features.PriceBucket));
        Check(features.GapBucket, d.GapBucketCount, nameof(features.GapBucket));

        static void Check(int value, int count, string name)
        {
            if ((uint)value >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(features), value, $"StepFeatures.{name} must be in [0, {count}) for this model; encode events with its FeatureEncoder.");
        }
    }

    private void Run()
    {
        var batch = new List<Request>(_maxBatch);
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
        lock (_gate)
        {
            while (_incoming.Count == 0)
            {
                if (_completed) return false;
                _wakeAt = 1;
                Monitor.Wait(_gate);
            }
            var deadline = Stopwatch.GetTimestamp() + _maxWaitTicks;
            while (true)
            {
                TakeQueued(batch);
                var remaining = deadline - Stopwatch.GetTimestamp();
                if (batch.Count >= _maxBatch || remaining <= 0 || _completed) break;
                _wakeAt = _maxBatch - batch.Count;
                // Waits round up to whole milliseconds, the resolution of the OS wait.
                Monitor.Wait(_gate, (int)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency));
            }
            _wakeAt = int.MaxValue;
            return true;
        }
    }

    private void TakeQueued(List<Request> batch)
    {
        // Swap the lists when all of them fit: no copying under the lock in the common case.
        var room = _maxBatch - batch.Count;
        if (batch.Count == 0 && _incoming.Count <= room)
        {
            (_taking, _incoming) = (_incoming, _taking);
            foreach (var request in _taking) Add(batch, request);
            _taking.Clear();
            return;
        }
        var n = Math.Min(room, _incoming.Count);
        for (var i = 0; i < n; i++) Add(batch, _incoming[i]);
        _incoming.RemoveRange(0, n);

        static void Add(List<Request> batch, Request request)
        {
            // A step whose awaiting caller gave up takes no place in a forward.
            if (request.Listener is AwaitedStep { IsCancelled: true } cancelled)
            {
                cancelled.OnStepped(new StepReply(new OperationCanceledException("the step was cancelled before it ran")));
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
            _beforeForward?.Invoke(n);
            Forward(batch, results, clock);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The batch fails, the batcher does not: each caller sees the error (its state untouched), the next batch
            // runs as usual.
            Record(n, Stopwatch.GetTimestamp() - started);
            Recycle(results);
            foreach (var request in batch) Notify(request.Listener, new StepReply(e));
            return;
        }
        var elapsed = Stopwatch.GetTimestamp() - started;
        StageClock.Stop(EngineStage.Model, clock);
        Record(n, elapsed);
        results.Share(n);
        for (var i = 0; i < n; i++) Notify(batch[i].Listener, new StepReply(results, i));
    }

    private static void Notify(IStepListener listener, StepReply reply)
    {
        try
        {
            listener.OnStepped(reply);
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
        var h = _hiddenSize;
        var padded = (n + _blockRows - 1) / _blockRows * _blockRows;
        var x = Longs(_inputs, padded * 5);
        var h0 = Floats(_hiddenIn, padded * h);
        var c0 = Floats(_cellIn, padded * h);
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
        var device = _model.Device;
        // ONNX Runtime reads the same gathered rows in place and computes them in one call: a row's floats are the same
        // in any batch there too (BatchInvarianceTests), and blocks would only add calls.
        var output = _onnx is not null
            ? _onnx.Step(padded)
            : _model.Network.Step(_inputs.narrow(0, 0, padded).to(device), _hiddenIn.narrow(0, 0, padded).to(device),
                _cellIn.narrow(0, 0, padded).to(device), _blockRows);
        var retrieving = StageClock.StartWithin(clock);
        ItemSearchResult? found = null;
        torch.Tensor? probabilities = null, indices = null;
        if (_topK > 0 && _index is IHostItemIndex host)
        {
            // A CPU index reads the embeddings in place and writes straight into the results.
            var embeddings = output.SessionEmbedding.narrow(0, 0, n).cpu().contiguous();
            host.Search(Floats(embeddings, n * (int)embeddings.shape[1]), n, _topK, results.Items, results.Scores);
        }
        else if (_topK > 0)
        {
            // Exact: the same blocked matrix product as SessionModel.TopNextItems, to the bit.
            found = _index.Search(output.SessionEmbedding.narrow(0, 0, n), _topK);
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
            Floats(probabilities!, n * _topK).CopyTo(results.Scores);
            var items = Longs(indices!, n * _topK);
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
        lock (_poolGate)
        {
            if (_pool.TryPop(out var results)) return results;
        }
        return new StepResults(_maxBatch, _topK, SessionModelDimensions.StageCount, Recycle);
    }

    private void Recycle(StepResults results)
    {
        lock (_poolGate)
        {
            _pool.Push(results);
        }
    }

    private void Record(int size, long ticks)
    {
        Interlocked.Increment(ref _sizeCounts[size]);
        Interlocked.Add(ref _steps, size);
        Interlocked.Add(ref _forwardTicks, ticks);
        if (size > _maxSeen) Volatile.Write(ref _maxSeen, size);
    }

    private readonly record struct Request(StepFeatures Features, int Slot, IStepListener Listener);

    /// <summary>A step awaited by <see cref="StepAsync"/>.</summary>
    private sealed class AwaitedStep : IStepListener
    {
        private int _cancelled;

        // Continuations run on the thread pool, never inline on the batch thread.
        public TaskCompletionSource<StepReply> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsCancelled => Volatile.Read(ref _cancelled) == 1;

        public void Cancel()
        {
            Volatile.Write(ref _cancelled, 1);
        }

        public void OnStepped(StepReply reply)
        {
            if (IsCancelled)
            {
                reply.Release();
                Completion.TrySetCanceled();
                return;
            }
            Completion.TrySetResult(reply);
        }
    }
}
