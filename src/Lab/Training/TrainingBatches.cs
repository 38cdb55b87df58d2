using Journeys.Scoring.Model;

namespace Journeys.Lab.Training;

/// <summary>
/// How <see cref="SessionModelTrainer"/> turns sessions into padded batches of similar length, and in what order an
/// epoch visits them (<see cref="TrainingOptions.ChronologicalSpans"/>).
/// </summary>
internal static class TrainingBatches
{
    /// <summary>An epoch's order: each span's batches shuffled among themselves, the spans left oldest first.</summary>
    public static void OrderEpoch(List<TrainingBatch> batches, List<int> spanStarts, Random random)
    {
        for (var span = 0; span < spanStarts.Count; span++)
        {
            var end = span + 1 < spanStarts.Count ? spanStarts[span + 1] : batches.Count;
            Shuffle(batches, spanStarts[span], end, random);
        }
    }

    /// <summary>Fisher–Yates over list[start..end).</summary>
    private static void Shuffle<T>(List<T> list, int start, int end, Random random)
    {
        for (var i = end - 1; i > start; i--)
        {
            var j = start + random.Next(i - start + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>
    /// The training batches and where each span of time starts among them: one span (all sessions) when
    /// <see cref="TrainingOptions.ChronologicalSpans"/> is 0, else that many spans of consecutive sessions, oldest first.
    /// </summary>
    public static (List<TrainingBatch> Batches, List<int> SpanStarts) InSpans(List<TrainingSequence> sessions, TrainingOptions options)
    {
        var spans = Math.Max(1, Math.Min(options.ChronologicalSpans, sessions.Count));
        var batches = new List<TrainingBatch>();
        var starts = new List<int>();
        for (var span = 0; span < spans; span++)
        {
            var from = (int)((long)sessions.Count * span / spans);
            var to = (int)((long)sessions.Count * (span + 1) / spans);
            starts.Add(batches.Count);
            batches.AddRange(Build(sessions.GetRange(from, to - from), options));
        }
        return (batches, starts);
    }

    /// <summary>Sessions sorted by length (stable), cut into batches of at most BatchSessions sessions and BatchEvents padded events.</summary>
    public static List<TrainingBatch> Build(List<TrainingSequence> sessions, TrainingOptions options)
    {
        var sorted = sessions.Where(s => s.Steps.Length > 0).OrderBy(s => s.Steps.Length).ToList();
        var batches = new List<TrainingBatch>();
        var current = new List<TrainingSequence>();
        foreach (var s in sorted)
        {
            // Sorted ascending, so the newcomer is the longest: it sets the padded length.
            if (current.Count > 0 && (current.Count >= options.BatchSessions || (current.Count + 1) * s.Steps.Length > options.BatchEvents))
            {
                batches.Add(new TrainingBatch(current));
                current = [];
            }
            current.Add(s);
        }
        if (current.Count > 0) batches.Add(new TrainingBatch(current));
        return batches;
    }
}
