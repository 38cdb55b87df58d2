namespace Journeys.Engine.Hosting;

/// <summary>
/// A fresh data directory for an engine that runs inside a demo or load test: they run the engine's durable default
/// (so a load test measures what <c>journeys serve</c> costs), but must neither recover an earlier run's sessions nor
/// collide with a serving engine's <c>State:DataDirectory</c>. Deleted on dispose. Does nothing when the settings choose
/// a Garnet server, a data directory or no durability themselves.
/// </summary>
public sealed class ScratchDataDirectory : IDisposable
{
    private readonly string? _path;

    private ScratchDataDirectory(string? path) => _path = path;

    /// <summary>The directory, or null when the settings chose their own state.</summary>
    public string? Path => _path;

    /// <summary>Sets <c>State:DataDirectory</c> in <paramref name="settings"/> to a new temporary directory unless they choose their own state.</summary>
    public static ScratchDataDirectory For(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ContainsKey("State:Garnet") || settings.ContainsKey("State:DataDirectory")
            || Environment.GetEnvironmentVariable(JourneysHost.EnvironmentPrefix + "State__Garnet") is { Length: > 0 }
            || Environment.GetEnvironmentVariable(JourneysHost.EnvironmentPrefix + "State__DataDirectory") is { Length: > 0 })
        {
            return new ScratchDataDirectory(null);
        }
        var path = Directory.CreateTempSubdirectory("journeys-state-").FullName;
        settings["State:DataDirectory"] = path;
        return new ScratchDataDirectory(path);
    }

    public void Dispose()
    {
        if (_path is not null && Directory.Exists(_path))
        {
            try
            {
                Directory.Delete(_path, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp cleaning: a file still held open must not fail the run that used it.
            }
        }
    }
}
