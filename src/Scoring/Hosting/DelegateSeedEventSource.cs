using Journeys.Contracts.Events;

namespace Journeys.Scoring.Hosting;

/// <summary>An <see cref="ISeedEventSource"/> over a delegate, for hosts and tests that already have the events at hand.</summary>
public sealed class DelegateSeedEventSource(Func<IEnumerable<ClickEvent>> read) : ISeedEventSource
{
    private readonly Func<IEnumerable<ClickEvent>> _read = read ?? throw new ArgumentNullException(nameof(read));

    public IEnumerable<ClickEvent> ReadEvents() => _read();
}
