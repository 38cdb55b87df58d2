using Journeys.Scoring.Batching;
using Journeys.Scoring.Hosting;
using Journeys.Scoring.Model;
using TorchSharp;
using static Journeys.Scoring.Tests.TestModels;

namespace Journeys.Scoring.Tests.Batching;

public sealed class StepBatcherTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ScoringModel _model = Seeded(seed: 21);

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task Concurrent_callers_each_get_their_own_sessions_result()
    {
        using var batcher = new StepBatcher(_model, new ScoringOptions { MaxBatch = 32, MaxWait = TimeSpan.FromMilliseconds(5), TopK = 4 });
        const int sessions = 48;
        const int length = 5;
        var random = new Random(5);
        var inputs = Enumerable.Range(0, sessions).Select(_ => Session(_model, random, length)).ToArray();

        // Each session walks its events in order, as an actor would; sessions run concurrently.
        var hidden = _model.Info.HiddenSize;
        var walks = inputs.Select(async steps =>
        {
            await Task.Yield();
            var (h, c) = (new float[hidden], new float[hidden]);
            var results = new List<StepResult>();
            foreach (var step in steps)
            {
                var result = await batcher.StepAsync(step, h, c, CancellationToken.None);
                results.Add(result);
                (h, c) = (result.H, result.C);
            }
            return results;
        }).ToArray();
        var all = await Task.WhenAll(walks).WaitAsync(Timeout);

        for (var s = 0; s < sessions; s++)
        {
            var expected = Reference(inputs[s], topK: 4);
            for (var t = 0; t < length; t++)
            {
                var (got, want) = (all[s][t], expected[t]);
                AssertClose(want.H, got.H);
                AssertClose(want.C, got.C);
                AssertClose(want.StageProbabilities, got.StageProbabilities);
                Assert.Equal(want.ConversionProbability, got.ConversionProbability, 1e-5f);
                Assert.Equal(want.FrictionScore, got.FrictionScore, 1e-5f);
                Assert.Equal(4, got.TopItems.Count);
                AssertClose([.. want.TopItems.Select(i => i.Score)], [.. got.TopItems.Select(i => i.Score)]);
                Assert.All(got.TopItems, i => Assert.StartsWith("p", i.ProductId, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Batches_form_under_concurrent_load()
    {
        using var batcher = new StepBatcher(_model, new ScoringOptions { MaxBatch = 64, MaxWait = TimeSpan.FromMilliseconds(2) });
        var hidden = _model.Info.HiddenSize;
        var random = new Random(8);
        var features = Session(_model, random, 1)[0];

        // 64 callers at once, three rounds: the first in each round opens a batch and the others join it.
        for (var round = 0; round < 3; round++)
        {
            var calls = Enumerable.Range(0, 64).Select(_ => batcher.StepAsync(features, new float[hidden], new float[hidden], CancellationToken.None).AsTask());
            await Task.WhenAll(calls).WaitAsync(Timeout);
        }

        var stats = batcher.Statistics;
        Assert.Equal(192, stats.Steps);
        Assert.True(stats.MeanBatchSize > 1, $"mean batch size {stats.MeanBatchSize} over {stats.Batches} batches");
        Assert.Equal(stats.Batches, stats.BatchSizeCounts.Sum());
        Assert.InRange(stats.MaxBatchSize, 2, 64);
        Assert.InRange(stats.P50BatchSize, 1, stats.MaxBatchSize);
        Assert.True(stats.ForwardTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_failing_forward_faults_its_requests_and_the_batcher_keeps_serving()
    {
        var failNext = 1;
        using var batcher = new StepBatcher(
            _model,
            new ScoringOptions { MaxBatch = 8, MaxWait = TimeSpan.Zero },
            beforeForward: _ =>
            {
                if (Interlocked.Exchange(ref failNext, 0) == 1) throw new InvalidOperationException("simulated forward failure");
            });
        var hidden = _model.Info.HiddenSize;
        var features = Session(_model, new Random(1), 1)[0];

        var failed = batcher.StepAsync(features, new float[hidden], new float[hidden], CancellationToken.None).AsTask();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(Timeout));
        var next = await batcher.StepAsync(features, new float[hidden], new float[hidden], CancellationToken.None).AsTask().WaitAsync(Timeout);

        Assert.Equal("simulated forward failure", error.Message);
        Assert.Equal(hidden, next.H.Length);
    }

    [Fact]
    public async Task A_failed_step_leaves_the_sessions_state_row_as_it_was()
    {
        using var batcher = new StepBatcher(_model, new ScoringOptions { MaxBatch = 4, MaxWait = TimeSpan.Zero },
            beforeForward: _ => throw new InvalidOperationException("simulated forward failure"));
        var slot = batcher.States.Rent();
        batcher.States.Row(slot).Fill(0.25f);
        var listener = new Replies();

        batcher.Submit(Session(_model, new Random(3), 1)[0], slot, listener);
        var reply = await listener.Next.Task.WaitAsync(Timeout);

        Assert.IsType<InvalidOperationException>(reply.Error);
        Assert.All(batcher.States.Row(slot).ToArray(), v => Assert.Equal(0.25f, v));
    }

    [Fact]
    public async Task A_submitted_step_overwrites_the_row_with_the_models_next_state()
    {
        using var batcher = new StepBatcher(_model, new ScoringOptions { MaxBatch = 8, MaxWait = TimeSpan.Zero, TopK = 3 });
        var step = Session(_model, new Random(9), 1)[0];
        var hidden = _model.Info.HiddenSize;
        var expected = await batcher.StepAsync(step, new float[hidden], new float[hidden], CancellationToken.None);
        var slot = batcher.States.Rent();
        var listener = new Replies();

        batcher.Submit(step, slot, listener);
        var reply = await listener.Next.Task.WaitAsync(Timeout);

        Assert.Null(reply.Error);
        Assert.Equal(expected.H, batcher.States.H(slot).ToArray());
        Assert.Equal(expected.C, batcher.States.C(slot).ToArray());
        Assert.Equal(expected.ConversionProbability, reply.ConversionProbability);
        Assert.Equal(expected.TopItems.Select(i => i.Score), reply.TopScores.ToArray());
        reply.Release();
    }

    private sealed class Replies : IStepListener
    {
        public TaskCompletionSource<StepReply> Next { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnStepped(StepReply reply) => Next.TrySetResult(reply);
    }

    [Fact]
    public async Task A_cancelled_step_is_cancelled_and_others_still_complete()
    {
        var gate = new ManualResetEventSlim(false);
        using var batcher = new StepBatcher(_model, new ScoringOptions { MaxBatch = 1, MaxWait = TimeSpan.Zero }, beforeForward: _ => gate.Wait(Timeout));
        var hidden = _model.Info.HiddenSize;
        var features = Session(_model, new Random(2), 1)[0];
        using var cts = new CancellationTokenSource();

        var first = batcher.StepAsync(features, new float[hidden], new float[hidden], CancellationToken.None).AsTask();
        var cancelled = batcher.StepAsync(features, new float[hidden], new float[hidden], cts.Token).AsTask();
        await cts.CancelAsync();
        gate.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout));
        Assert.Equal(hidden, (await first.WaitAsync(Timeout)).H.Length);
        Assert.True(batcher.Statistics.Steps <= 1, "the cancelled step took a slot in a forward");
    }

    [Fact]
    public async Task Dispose_finishes_queued_steps_stops_the_thread_and_refuses_new_ones()
    {
        var batcher = new StepBatcher(_model, new ScoringOptions { MaxBatch = 4, MaxWait = TimeSpan.FromMilliseconds(1) });
        var hidden = _model.Info.HiddenSize;
        var features = Session(_model, new Random(4), 1)[0];
        var queued = Enumerable.Range(0, 10).Select(_ => batcher.StepAsync(features, new float[hidden], new float[hidden], CancellationToken.None).AsTask()).ToArray();

        var disposing = Task.Run(batcher.Dispose);
        await disposing.WaitAsync(Timeout);

        Assert.All(await Task.WhenAll(queued).WaitAsync(Timeout), r => Assert.Equal(hidden, r.H.Length));
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.StepAsync(features, new float[hidden], new float[hidden], CancellationToken.None).AsTask(); });
        batcher.Dispose();
    }

    [Fact]
    public void Out_of_range_features_and_wrong_state_sizes_are_rejected_before_queueing()
    {
        using var batcher = new StepBatcher(_model, new ScoringOptions());
        var hidden = _model.Info.HiddenSize;

        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = batcher.StepAsync(new StepFeatures(1, 10_000, 0, 0, 0), new float[hidden], new float[hidden], CancellationToken.None).AsTask(); });
        Assert.Throws<ArgumentException>(() => { _ = batcher.StepAsync(new StepFeatures(1, 1, 0, 0, 0), new float[hidden + 1], new float[hidden], CancellationToken.None).AsTask(); });
    }

    /// <summary>The same session stepped directly on the model, batch 1, no batcher.</summary>
    private List<StepResult> Reference(StepFeatures[] steps, int topK)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var hidden = _model.Info.HiddenSize;
        var (h, c) = (torch.zeros(1, hidden), torch.zeros(1, hidden));
        var results = new List<StepResult>();
        foreach (var step in steps)
        {
            var output = _model.Network.Step(torch.tensor(Indices(step), 1, 5), h, c);
            var (scores, _) = _model.Network.NextItemProbabilities(output.SessionEmbedding).topk(topK, 1);
            results.Add(new StepResult(
                ToArray(output.H), ToArray(output.C), ToArray(output.StageProbabilities),
                output.Conversion.item<float>(), output.Friction.item<float>(),
                [.. ToArray(scores).Select(s => new ScoredItem("", s))]));
            (h, c) = (output.H, output.C);
        }
        return results;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
    }
}
