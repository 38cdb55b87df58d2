using Journeys.Scoring.Model;

namespace Journeys.Lab.Training;

/// <summary>
/// Sessions encoded with one vocabulary, in chronological (file) order, plus what the model file records about them:
/// a short dataset name for the version and the SHA-256 of the input files.
/// </summary>
public sealed record TrainingSet(string Name, FeatureEncoder Encoder, IReadOnlyList<TrainingSequence> Sessions, string DataSha256)
{
    /// <summary>Whether any session carries outcome labels (conversion, friction, stage heads train).</summary>
    public bool HasOutcomes => Sessions.Any(s => s.Outcomes is { Known: true });

    public long Events => Sessions.Sum(s => (long)s.Steps.Length);
}
