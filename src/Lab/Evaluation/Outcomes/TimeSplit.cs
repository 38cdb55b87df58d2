using Journeys.Contracts.Events;

namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// The train/test split of the outcome evaluation, by time and never shuffled: sessions are ordered by their start (the
/// earliest event; ties by ordinal session id, so the split is reproducible), the earliest
/// round(fraction × n) sessions train and the rest test. A model is thus judged on sessions that began after everything
/// it learned from began, as it would be in production. The cut is on session start: a long train session may still be
/// running when the first test session starts, but no test session starts before any train session.
/// Model training must use this same split, or the model is scored on sessions it was trained on.
/// </summary>
public static class TimeSplit
{
    public const double DefaultTrainFraction = 0.8;

    public static SessionSplit Split(IReadOnlyList<IReadOnlyList<ClickEvent>> sessions, double trainFraction = DefaultTrainFraction)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (!(trainFraction is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "The train fraction must lie strictly between 0 and 1.");
        }
        if (sessions.Any(s => s.Count == 0))
        {
            throw new ArgumentException("A session without events has no start time.", nameof(sessions));
        }
        var ordered = sessions
            .Select(s => (Session: s, Start: s.Min(e => e.Timestamp), Id: s[0].SessionId))
            .OrderBy(s => s.Start)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        var trainCount = (int)Math.Round(trainFraction * ordered.Count, MidpointRounding.AwayFromZero);
        var train = ordered.Take(trainCount).Select(s => s.Session).ToList();
        var test = ordered.Skip(trainCount).ToList();
        return new SessionSplit(train, test.Select(s => s.Session).ToList(), test.Count == 0 ? null : test[0].Start);
    }
}
