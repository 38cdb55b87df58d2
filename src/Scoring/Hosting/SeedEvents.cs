using Journeys.Contracts.Events;

namespace Journeys.Scoring.Hosting;

/// <summary>
/// Where the seeded (untrained) model gets its vocabularies when <c>Scoring:ModelPath</c> is not set: the catalog events
/// the host registers with <see cref="ScoringServiceCollectionExtensions.AddScoringSeedEvents"/> (the CLI reads the
/// bundled sample). Read once, at start, on the thread that builds the model, and only when no model file is named.
/// </summary>
internal sealed class SeedEvents(Func<IEnumerable<ClickEvent>> read)
{
    public IEnumerable<ClickEvent> Read() => read();
}
