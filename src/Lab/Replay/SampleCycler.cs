using Journeys.Contracts.Events;

namespace Journeys.Lab.Replay;

/// <summary>
/// Stretches a real sample to a requested number of events by replaying it again, visibly marked as a repeat.
/// Round 1 is the sample unchanged. Round r ≥ 2 appends <c>~r{r}</c> to every eventId, sessionId and userId (so the
/// engine sees new sessions and new users, never a real user "returning", and ids never collide) and shifts every
/// timestamp by (r − 1) × (sample time span + 1 s), so rounds follow each other in time without overlap and the
/// stream stays time-ordered when the sample is. The repeats are the same real journeys, not new data: anything
/// measured on rounds ≥ 2 (conversion, popularity) repeats round 1 and must be reported as such.
/// </summary>
public static class SampleCycler
{
    /// <summary>The gap between the end of one round and the start of the next.</summary>
    public static readonly TimeSpan RoundGap = TimeSpan.FromSeconds(1);

    /// <summary>The suffix marking round <paramref name="round"/> (2 → "~r2"); round 1 has none.</summary>
    public static string RoundSuffix(int round) =>
        round switch
        {
            < 1 => throw new ArgumentOutOfRangeException(nameof(round), round, "rounds count from 1"),
            1 => string.Empty,
            _ => $"~r{round}",
        };

    /// <summary>Exactly <paramref name="count"/> events: the sample, then repeats of it, cut off mid-round if needed.</summary>
    public static IEnumerable<ClickEvent> Cycle(IReadOnlyList<ClickEvent> sample, long count)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0 && sample.Count == 0)
        {
            throw new ArgumentException($"cannot produce {count} events from an empty sample", nameof(sample));
        }
        return Iterate(sample, count);
    }

    private static IEnumerable<ClickEvent> Iterate(IReadOnlyList<ClickEvent> sample, long count)
    {
        if (count == 0)
        {
            yield break;
        }
        var first = sample.Min(e => e.Timestamp);
        var period = sample.Max(e => e.Timestamp) - first + RoundGap;
        long produced = 0;
        for (var round = 1; ; round++)
        {
            var suffix = RoundSuffix(round);
            var shift = period * (round - 1);
            foreach (var e in sample)
            {
                yield return round == 1
                    ? e
                    : e with
                    {
                        EventId = e.EventId + suffix,
                        SessionId = e.SessionId + suffix,
                        UserId = e.UserId is null ? null : e.UserId + suffix,
                        Timestamp = e.Timestamp + shift,
                    };
                if (++produced == count)
                {
                    yield break;
                }
            }
        }
    }
}
