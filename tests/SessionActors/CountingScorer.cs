using Journeys.Scoring.Batching;
using Journeys.Scoring.Model;

namespace Journeys.SessionActors.Tests;

/// <summary>
/// Unit-test seam for the model: h[0] counts the steps a session has taken and c[0] records the last event's type,
/// so tests can see that every event was applied once and in order. Steps complete on the thread pool, as the
/// batcher's do on its own thread. It can be told to fail.
/// </summary>
internal sealed class CountingScorer : ISessionScorer
{
    private static readonly string[] Products = ["p-1", "p-2", "p-3"];

    public ModelInfo Model { get; } = new("test-counting", Trained: false, HiddenSize: 4, ItemCount: 3, CategoryCount: 1, "cpu");

    public StateArena States { get; } = new(hiddenSize: 4);

    public volatile bool Fail;

    /// <summary>When set, steps wait for it before completing (a step held in flight).</summary>
    public ManualResetEventSlim? Gate { get; set; }

    public int Steps;

    public string? ProductAt(int index) => index is >= 1 and <= 3 ? Products[index - 1] : null;

    public void Submit(StepFeatures features, int slot, IStepListener listener) =>
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            Gate?.Wait(TimeSpan.FromSeconds(30));
            if (Fail)
            {
                listener.OnStepped(new StepReply(new InvalidOperationException("model exploded")));
                return;
            }
            Interlocked.Increment(ref Steps);
            States.H(slot)[0] += 1;
            States.C(slot)[0] = features.Type;
            var results = new StepResults(rows: 1, topK: 3, stageCount: 5);
            results.Stages.AsSpan().Fill(0.2f);
            results.Conversion[0] = 0.1f;
            results.Friction[0] = 0.3f;
            results.Items[0] = 1;
            results.Items[1] = 2;
            results.Items[2] = 3;
            results.Scores[0] = 0.5f;
            results.Scores[1] = 0.3f;
            results.Scores[2] = 0.2f;
            results.Share(1);
            listener.OnStepped(new StepReply(results, 0));
        }, null);

    public static StepFeatures Encode(Journeys.Contracts.Events.ClickEvent e, DateTimeOffset? previous) =>
        new((int)e.Type, 0, 0, 0, previous is null ? 0 : 1);
}
