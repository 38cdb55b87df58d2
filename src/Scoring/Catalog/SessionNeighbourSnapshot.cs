using Journeys.Scoring.Model;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// What a <see cref="SessionNeighbourIndex"/> published at one moment: its sessions (numbered by recency, 0 the oldest),
/// each session's distinct products, and per product the sessions holding it, most recent first. Flat arrays built once
/// and never written again, so any number of threads score against it while the index builds the next one.
/// <see cref="Score"/> is V-SKNN exactly as <c>VsknnBaseline</c> computes it (see <see cref="NeighbourScorer"/>).
/// </summary>
public sealed class SessionNeighbourSnapshot
{
    internal SessionNeighbourSnapshot(
        long version,
        SessionNeighbourOptions options,
        string[] items,
        Dictionary<string, int> itemNumbers,
        int[] sessionStarts,
        int[] sessionItems,
        int[] postingStarts,
        int[] postings,
        Dictionary<string, int> sessionNumbers)
    {
        Version = version;
        Neighbours = options.Neighbours;
        SampleSize = options.SampleSize;
        MaxCandidates = options.MaxCandidates;
        Items = items;
        ItemNumbers = itemNumbers;
        SessionStarts = sessionStarts;
        SessionItems = sessionItems;
        PostingStarts = postingStarts;
        Postings = postings;
        SessionNumbers = sessionNumbers;
    }

    /// <summary>No sessions: every score is empty (before anything is indexed, or with the index off).</summary>
    public static SessionNeighbourSnapshot Empty { get; } = new(0, new SessionNeighbourOptions(), [],
        new Dictionary<string, int>(StringComparer.Ordinal), [0], [], [0], [], new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>Increases with every snapshot of one index (0 = <see cref="Empty"/>).</summary>
    public long Version { get; }

    /// <summary>Sessions indexed.</summary>
    public int SessionCount => SessionStarts.Length - 1;

    /// <summary>Distinct products in the indexed sessions.</summary>
    public int ItemCount => Items.Length;

    /// <summary>k: the nearest sessions that vote.</summary>
    public int Neighbours { get; }

    /// <summary>Candidate sessions compared per call (the most recent sharing a product).</summary>
    public int SampleSize { get; }

    /// <summary>Products a call puts forward, best first.</summary>
    public int MaxCandidates { get; }

    internal string[] Items { get; }
    internal Dictionary<string, int> ItemNumbers { get; }
    internal int[] SessionStarts { get; }
    internal int[] SessionItems { get; }
    internal int[] PostingStarts { get; }
    internal int[] Postings { get; }
    internal Dictionary<string, int> SessionNumbers { get; }

    /// <summary>
    /// The V-SKNN scores of the best <see cref="MaxCandidates"/> products for a session whose products are
    /// <paramref name="recentItems"/> (most recent first, repeats included: each is a click), best first (ties to the
    /// product the nearer neighbour voted for). The session named <paramref name="excludeSessionId"/> is never its own neighbour: live, the current
    /// session is indexed too. Allocates only the result; <c>RelationBlend</c> uses the same scoring without it.
    /// </summary>
    public IReadOnlyList<ScoredItem> Score(IReadOnlyList<string> recentItems, string? excludeSessionId = null)
    {
        ArgumentNullException.ThrowIfNull(recentItems);
        var scorer = NeighbourScorer.Rent();
        try
        {
            var n = scorer.Score(this, recentItems, excludeSessionId);
            var result = new ScoredItem[n];
            for (var i = 0; i < n; i++) result[i] = new ScoredItem(scorer.CandidateAt(i), scorer.RawScoreAt(i));
            return result;
        }
        finally
        {
            scorer.Return();
        }
    }

    /// <summary>The products of indexed session number <paramref name="session"/> (0 = the oldest), in the order first clicked.</summary>
    internal ReadOnlySpan<int> ItemsOf(int session) => SessionItems.AsSpan(SessionStarts[session], SessionStarts[session + 1] - SessionStarts[session]);

    /// <summary>The sessions holding product number <paramref name="item"/>, most recent first.</summary>
    internal ReadOnlySpan<int> SessionsOf(int item) => Postings.AsSpan(PostingStarts[item], PostingStarts[item + 1] - PostingStarts[item]);
}
