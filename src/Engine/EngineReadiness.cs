namespace Journeys.Engine;

/// <summary>
/// What the engine has reached since start, for <c>/health/ready</c>: model warmed up and pipeline running, the group's
/// first assignment (even an empty one: an engine with no partition to own is ready), the product feed read as it stood.
/// Set by the engine; read by the HTTP surface on any thread.
/// </summary>
public sealed class EngineReadiness
{
    private volatile bool _running;
    private volatile bool _assigned;
    private volatile bool _feedCaughtUp;

    public bool Running => _running;

    public bool Assigned => _assigned;

    public bool FeedCaughtUp => _feedCaughtUp;

    public void OnRunning() => _running = true;

    public void OnAssignment() => _assigned = true;

    public void OnFeedCaughtUp() => _feedCaughtUp = true;

    public void OnStopping() => _running = false;
}
