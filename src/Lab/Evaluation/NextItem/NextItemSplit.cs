namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// A next-item benchmark: training sessions (item ids, chronological), the item vocabulary training uses, and the test
/// cases. <see cref="Protocol"/> says in a sentence how the cases were made (it goes into the report).
/// </summary>
public sealed record NextItemSplit(
    string Name,
    IReadOnlyList<string[]> Train,
    IReadOnlyList<string> Items,
    IReadOnlyList<NextItemCase> Test,
    string DataSha256,
    string Protocol)
{
    /// <summary>
    /// session-rec's protocol for a time split (Ludewig &amp; Jannach): clicks on items absent from the training data are
    /// removed from the test sessions, sessions left with fewer than 2 clicks are dropped, and every prefix of every
    /// remaining test session predicts the click after it. Items: training items by frequency (ties by id).
    /// </summary>
    public static NextItemSplit FromTestSessions(string name, IReadOnlyList<string[]> train, IReadOnlyList<string[]> testSessions, string dataSha256)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(testSessions);
        var items = ItemsByFrequency(train);
        var known = new HashSet<string>(items, StringComparer.Ordinal);
        var cases = new List<NextItemCase>();
        long removedClicks = 0;
        var droppedSessions = 0;
        foreach (var session in testSessions)
        {
            var kept = session.Where(known.Contains).ToArray();
            removedClicks += session.Length - kept.Length;
            if (kept.Length < 2)
            {
                droppedSessions++;
                continue;
            }
            for (var t = 1; t < kept.Length; t++) cases.Add(new NextItemCase(kept[..t], kept[t]));
        }
        var protocol = $"session-rec protocol: {testSessions.Count:N0} test sessions; {removedClicks:N0} clicks on items unseen in training removed, " +
            $"{droppedSessions:N0} sessions left with < 2 clicks dropped; every prefix of the rest predicts the next click ({cases.Count:N0} cases).";
        return new NextItemSplit(name, train, items, cases, dataSha256, protocol);
    }

    /// <summary>The items of <paramref name="train"/>, most clicked first, ties by ordinal id: a split's vocabulary.</summary>
    public static string[] ItemsByFrequency(IEnumerable<string[]> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in train)
        {
            foreach (var item in s) counts[item] = counts.TryGetValue(item, out var n) ? n + 1 : 1;
        }
        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToArray();
    }
}
