using Journeys.Scoring.Model;

namespace Journeys.SessionActors.Tests;

/// <summary>
/// Unit-test seam for the model: h[0] counts the steps a session has taken and c[0] records the last event's type,
/// so tests can see that every event was applied once and in order. It can be told to fail.
/// </summary>
internal sealed class CountingScorer : ISessionScorer
{
    public ModelInfo Model { get; } = new("test-counting", Trained: false, HiddenSize: 4, ItemCount: 3, CategoryCount: 1, "cpu");

    public volatile bool Fail;

    public int Steps;

    public async ValueTask<StepResult> StepAsync(StepFeatures features, float[] h, float[] c, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (Fail)
        {
            throw new InvalidOperationException("model exploded");
        }
        Interlocked.Increment(ref Steps);
        var h2 = (float[])h.Clone();
        var c2 = (float[])c.Clone();
        h2[0] += 1;
        c2[0] = features.Type;
        return new StepResult(h2, c2, [0.2f, 0.2f, 0.2f, 0.2f, 0.2f], 0.1f, 0.3f,
            [new ScoredItem("p-1", 0.5f), new ScoredItem("p-2", 0.3f), new ScoredItem("p-3", 0.2f)]);
    }

    public static StepFeatures Encode(Journeys.Contracts.Events.ClickEvent e, DateTimeOffset? previous) =>
        new((int)e.Type, 0, 0, 0, previous is null ? 0 : 1);
}
