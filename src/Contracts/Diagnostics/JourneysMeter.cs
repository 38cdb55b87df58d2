namespace Journeys.Contracts.Diagnostics;

/// <summary>
/// The one meter name every part of the engine records on (<see cref="System.Diagnostics.Metrics"/>), so one
/// OpenTelemetry registration exports them all on <c>/metrics</c>.
/// </summary>
public static class JourneysMeter
{
    public const string Name = "Journeys";
}
