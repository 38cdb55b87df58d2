namespace Journeys.Tests.Support;

/// <summary>Waits for what another thread, actor or process brings about, checking every 50 ms.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Returns once <paramref name="condition"/> holds; fails the test with <paramref name="what"/> (read at the deadline,
    /// so it can report how far things got) when it still does not hold after <paramref name="timeout"/>.
    /// </summary>
    public static Task Until(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Until(() => Task.FromResult(condition()), timeout, what);
    }

    /// <summary>
    /// <see cref="Until(Func{bool}, TimeSpan, Func{string})"/> for a condition that reads asynchronously (a store, an
    /// HTTP endpoint): it is awaited, never waited on, so no thread blocks while it reads.
    /// </summary>
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not within {timeout.TotalSeconds:0.#} s: {what()}");
            }
            await Task.Delay(Interval);
        }
    }
}
