namespace Journeys.Contracts.Diagnostics;

/// <summary>
/// Where a timed section began (<see cref="StageClock.Start"/>): the thread's CPU clock if this section is one of
/// the sampled ones (0 otherwise), and the bytes the thread had allocated.
/// </summary>
public readonly record struct StageTimer(long Nanos, long Allocated);
