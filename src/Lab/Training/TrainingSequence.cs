using Journeys.Scoring.Model;

namespace Journeys.Lab.Training;

/// <summary>
/// One session ready for training: its encoded steps, the next item's vocabulary index after each step (0 where there
/// is none or it is out of vocabulary: no next-item loss there), and its outcome labels (null when the dataset cannot
/// tell them: the outcome heads are masked for this session).
/// </summary>
public sealed record TrainingSequence(StepFeatures[] Steps, int[] NextItems, OutcomeLabels? Outcomes)
{
    /// <summary>Steps whose next item is known: the session's next-item training cases.</summary>
    public int NextItemCases => NextItems.Count(i => i > 0);
}
