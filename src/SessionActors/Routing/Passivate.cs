namespace Journeys.SessionActors.Routing;

/// <summary>A session tells its region it has been idle for the timeout and may be stopped.</summary>
public sealed record Passivate
{
    public static readonly Passivate Instance = new();
}
