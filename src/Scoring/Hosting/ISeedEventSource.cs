using Journeys.Contracts.Events;

namespace Journeys.Scoring.Hosting;

/// <summary>
/// Where the seeded (untrained) model gets its vocabularies when <c>Scoring:ModelPath</c> is not set: the host
/// registers one (see <see cref="ScoringServiceCollectionExtensions.AddScoringSeedEvents"/>), e.g. reading the sample data.
/// Read once, at start, on the thread that builds the model.
/// </summary>
public interface ISeedEventSource
{
    IEnumerable<ClickEvent> ReadEvents();
}
