using System.ComponentModel.DataAnnotations;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// Configuration section <c>SessionNeighbours</c>: the session-neighbourhood index (<see cref="SessionNeighbourIndex"/>)
/// the catalog stage keeps beside its relations, and how a session's neighbours are scored (V-SKNN). Validated at start
/// (DataAnnotations here, the rules between settings in <see cref="SessionNeighbourOptionsValidator"/>).
/// Memory: about MaxSessions × (per-session cost measured in docs/recommendations.md, "Session neighbours") for the writer plus the
/// same order again for each published view still read; <see cref="MaxSessions"/> = 0 keeps no index at all.
/// </summary>
public sealed class SessionNeighbourOptions
{
    public const string SectionName = "SessionNeighbours";

    /// <summary>
    /// Sessions indexed at once (seeded training sessions and live ones); beyond it the session whose latest click is
    /// oldest is forgotten. 100,000: the training sessions a model file carries (as many, so a fresh engine's index is the one
    /// the evaluation scores), then pushed out by live ones — several times the sessions active within an hour at
    /// thousands of events per second. 0 turns the index off.
    /// </summary>
    [Range(0, 10_000_000, ErrorMessage = "SessionNeighbours:MaxSessions must be between 0 (off) and 10000000 (default 100000).")]
    public int MaxSessions { get; set; } = 100_000;

    /// <summary>
    /// Distinct products remembered per session, in the order first clicked; a session with more forgets its earliest
    /// first. 50: longer sessions are rare and mostly bots or browsing that drifted, and a neighbour's items are its votes.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "SessionNeighbours:MaxItemsPerSession must be between 1 and 10000 (default 50).")]
    public int MaxItemsPerSession { get; set; } = 50;

    /// <summary>
    /// Sessions a published view lists per product (the most recent ones). 1,000 = <see cref="SampleSize"/>: a product's
    /// list then never loses a session the sample would take (the sample is the most recent sessions sharing any item);
    /// lower bounds the work of a call on popular products at the cost of that exactness.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "SessionNeighbours:MaxSessionsPerItem must be between 1 and 1000000 (default 1000).")]
    public int MaxSessionsPerItem { get; set; } = 1_000;

    /// <summary>Nearest sessions that vote (V-SKNN's k). 100: session-rec's VMContextKNN default.</summary>
    [Range(1, 10_000, ErrorMessage = "SessionNeighbours:Neighbours must be between 1 and 10000 (default 100).")]
    public int Neighbours { get; set; } = 100;

    /// <summary>
    /// Candidate sessions compared per call: the most recent ones sharing a product with the session (session-rec's
    /// <c>sample_size</c>, <c>sampling='recent'</c>). 1,000: VMContextKNN's default.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "SessionNeighbours:SampleSize must be between 1 and 1000000 (default 1000).")]
    public int SampleSize { get; set; } = 1_000;

    /// <summary>
    /// Products the neighbours put forward into the blend per call: the best by V-SKNN score, their scores normalized
    /// to sum 1. 100: as many as the model's candidates (<c>RelationEvaluation.CandidateCount</c>); further ones carry
    /// little weight and would only lengthen the blend.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "SessionNeighbours:MaxCandidates must be between 1 and 10000 (default 100).")]
    public int MaxCandidates { get; set; } = 100;

    /// <summary>The options as V-SKNN's defaults with bounds no test-sized data reaches (offline builds and tests).</summary>
    public static SessionNeighbourOptions Unbounded(int maxSessions) => new()
    {
        MaxSessions = maxSessions,
        MaxItemsPerSession = 10_000,
        MaxSessionsPerItem = 1_000_000,
    };
}
