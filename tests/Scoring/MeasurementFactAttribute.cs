namespace Journeys.Scoring.Tests;

/// <summary>A fact that only runs when JOURNEYS_MEASURE=1: measurements are slow and machine-dependent, not checks.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("JOURNEYS_MEASURE") != "1") Skip = "measurement: set JOURNEYS_MEASURE=1 to run";
    }
}
