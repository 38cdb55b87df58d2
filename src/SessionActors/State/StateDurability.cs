namespace Journeys.SessionActors.State;

/// <summary>The values of <c>State:Durability</c> and <c>State:Fsync</c>.</summary>
public static class StateDurability
{
    public const string Aof = "aof";
    public const string None = "none";
    public const string FsyncAlways = "always";
    public const string FsyncInterval = "interval";
}
