using System.Security.Cryptography;
using Journeys.Contracts.Events;
using Journeys.Scoring.Model;

namespace Journeys.Lab.Training;

/// <summary>Builds <see cref="TrainingSet"/>s from click events (any dataset reader) or from bare item sequences (benchmark splits).</summary>
public static class TrainingSets
{
    /// <summary>
    /// Sessions of click events: grouped by session id in stream order, vocabularies by frequency (ties by ordinal id,
    /// so indices are reproducible), capped at <paramref name="maxItems"/> / <paramref name="maxCategories"/>; rarer ids
    /// map to the out-of-vocabulary index 0 exactly as unknown ids do when serving.
    /// </summary>
    /// <param name="datasetHasOutcomes">The source records carts and purchases (REES46, journeys JSONL); false masks the outcome heads.</param>
    public static TrainingSet FromEvents(string name, IEnumerable<ClickEvent> events, bool datasetHasOutcomes, string dataSha256,
        int maxItems = SeededModel.DefaultMaxItems, int maxCategories = SeededModel.DefaultMaxCategories)
    {
        ArgumentNullException.ThrowIfNull(events);
        var sessions = GroupSessions(events);
        var products = ByFrequency(sessions.SelectMany(s => s).Select(e => e.ProductId), maxItems);
        var categories = ByFrequency(sessions.SelectMany(s => s).Select(e => e.CategoryId), maxCategories);
        var encoder = new FeatureEncoder(products, categories, FeatureEncoder.DefaultPriceEdges, FeatureEncoder.DefaultGapEdgesSeconds);
        var encoded = new List<TrainingSequence>(sessions.Count);
        foreach (var session in sessions)
        {
            var steps = new StepFeatures[session.Count];
            var next = new int[session.Count];
            DateTimeOffset? previous = null;
            for (var t = 0; t < session.Count; t++)
            {
                steps[t] = encoder.Encode(session[t], previous);
                previous = session[t].Timestamp;
                if (t > 0) next[t - 1] = steps[t].Product;
            }
            encoded.Add(new TrainingSequence(steps, next, datasetHasOutcomes ? OutcomeLabels.For(session, datasetHasOutcomes: true) : null));
        }
        return new TrainingSet(name, encoder, encoded, dataSha256);
    }

    /// <summary>
    /// Sessions of item ids only (the SR-GNN and session-rec benchmark splits): each click is a product view with no
    /// category, price or time gap, which is also how <c>NextItemEvaluator</c> encodes test prefixes. The vocabulary is
    /// given (the split's item list) so indices match the benchmark's. No outcome labels: those heads stay masked.
    /// </summary>
    public static TrainingSet FromItemSessions(string name, IReadOnlyList<string[]> sessions, IReadOnlyList<string> vocabulary, string dataSha256)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var encoder = new FeatureEncoder(vocabulary, [], FeatureEncoder.DefaultPriceEdges, FeatureEncoder.DefaultGapEdgesSeconds);
        var encoded = new List<TrainingSequence>(sessions.Count);
        foreach (var session in sessions)
        {
            var steps = new StepFeatures[session.Length];
            var next = new int[session.Length];
            for (var t = 0; t < session.Length; t++)
            {
                steps[t] = ItemView(encoder.ProductIndex(session[t]));
                if (t > 0) next[t - 1] = steps[t].Product;
            }
            encoded.Add(new TrainingSequence(steps, next, null));
        }
        return new TrainingSet(name, encoder, encoded, dataSha256);
    }

    /// <summary>The encoding of a bare item click: a product view without category, price or gap.</summary>
    public static StepFeatures ItemView(int product) => new((int)ClickType.ProductView + 1, product, 0, 0, 0);

    /// <summary>Lowercase hex SHA-256 over the files' bytes in order (as stored: a .gz is hashed compressed).</summary>
    public static string Sha256OfFiles(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var path in paths)
        {
            using var stream = File.OpenRead(path);
            int n;
            while ((n = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Events grouped by session, sessions ordered by their first event, events in stream order.</summary>
    public static List<List<ClickEvent>> GroupSessions(IEnumerable<ClickEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var bySession = new Dictionary<string, List<ClickEvent>>(StringComparer.Ordinal);
        var ordered = new List<List<ClickEvent>>();
        foreach (var e in events)
        {
            if (!bySession.TryGetValue(e.SessionId, out var list))
            {
                list = [];
                bySession.Add(e.SessionId, list);
                ordered.Add(list);
            }
            list.Add(e);
        }
        return ordered;
    }

    private static string[] ByFrequency(IEnumerable<string?> ids, int max)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrEmpty(id)) continue;
            counts[id] = counts.TryGetValue(id, out var n) ? n + 1 : 1;
        }
        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(max).Select(kv => kv.Key).ToArray();
    }
}
