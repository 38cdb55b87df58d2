namespace Journeys.SessionActors.State;

/// <summary>Another running engine holds the embedded Garnet's data directory.</summary>
public sealed class DataDirectoryInUseException : IOException
{
    public DataDirectoryInUseException()
    {
    }

    public DataDirectoryInUseException(string message)
        : base(message)
    {
    }

    public DataDirectoryInUseException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The message for <paramref name="directory"/>, naming the fix.</summary>
    public static DataDirectoryInUseException For(string directory, Exception inner) =>
        new($"State:DataDirectory {directory} is in use by another running engine. Give each engine its own " +
            "State:DataDirectory, or let them share one Garnet server with State:Garnet.", inner);
}
