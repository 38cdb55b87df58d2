using Journeys.Contracts.Events;

namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// Sessions divided by time (see <see cref="TimeSplit"/>). <see cref="TestStart"/> is the start of the earliest test
/// session (null when the test side is empty); every train session starts at or before it.
/// </summary>
public sealed record SessionSplit(
    IReadOnlyList<IReadOnlyList<ClickEvent>> Train,
    IReadOnlyList<IReadOnlyList<ClickEvent>> Test,
    DateTimeOffset? TestStart);
