using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Journeys.SessionActors.State;

/// <summary>
/// The Garnet this engine uses: an external one by endpoint, or the embedded one it owns, which it checkpoints and
/// stops when the engine stops.
/// </summary>
public sealed class GarnetConnection : IDisposable
{
    private readonly EmbeddedGarnet? _embedded;
    private readonly ILogger? _logger;

    public GarnetConnection(string endpoint) => Endpoint = endpoint;

    public GarnetConnection(EmbeddedGarnet embedded, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        _embedded = embedded;
        _logger = logger;
        Endpoint = embedded.Endpoint;
    }

    public string Endpoint { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <summary>
    /// The connection <see cref="StateOptions"/> ask for: <c>State:Garnet</c>, or an embedded Garnet — durable in
    /// <c>State:DataDirectory</c> unless <c>State:Durability=none</c>. Says at start-up which it is, and what a restart
    /// keeps.
    /// </summary>
    /// <exception cref="OptionsValidationException">The data directory cannot be used (in use, not writable, not recoverable).</exception>
    public static GarnetConnection Open(StateOptions options, ILogger logger, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (!string.IsNullOrEmpty(options.Garnet))
        {
            logger.LogInformation("Session state in the Garnet at {Endpoint} (State:Garnet); its own configuration decides what survives its restart", options.Garnet);
            return new GarnetConnection(options.Garnet);
        }
        if (options.Durability == StateDurability.None)
        {
            logger.LogWarning("State:Durability=none: session state is kept in this process's memory only; a restart forgets every session");
            return new GarnetConnection(EmbeddedGarnet.Start(loggerFactory: loggerFactory), logger);
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        var storage = new EmbeddedGarnetStorage(directory, options.Fsync == StateDurability.FsyncAlways, options.FsyncInterval,
            options.CheckpointInterval, options.LogMemory);
        var existed = Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(e => Path.GetFileName(e) != EmbeddedGarnet.LockFileName);
        var fsync = storage.FlushEachWrite
            ? "each write acknowledged once on disk"
            : $"flushed every {options.FsyncInterval.TotalMilliseconds:0} ms";
        if (existed)
        {
            logger.LogInformation("Session state: embedded Garnet recovering from {Directory} (State:DataDirectory)", directory);
        }
        else
        {
            logger.LogInformation("Session state: embedded Garnet, creating data directory {Directory} (State:DataDirectory); append-only file {Fsync}, checkpoint every {Checkpoint}",
                directory, fsync, options.CheckpointInterval);
        }
        var clock = Stopwatch.StartNew();
        EmbeddedGarnet garnet;
        try
        {
            garnet = EmbeddedGarnet.Start(storage: storage, loggerFactory: loggerFactory);
        }
        catch (DataDirectoryInUseException ex)
        {
            throw Refused(ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw Refused($"State:DataDirectory {directory} is not writable ({ex.Message}). Point State:DataDirectory at a writable directory.");
        }
        catch (Exception ex) when (existed && ex is not OutOfMemoryException)
        {
            throw Refused($"State:DataDirectory {directory} could not be recovered ({ex.GetType().Name}: {ex.Message}). " +
                "Keep it for inspection and start with another State:DataDirectory (every session starts over).");
        }
        if (existed)
        {
            logger.LogInformation("Session state recovered from {Directory} in {Elapsed} ms", directory, clock.ElapsedMilliseconds);
        }
        return new GarnetConnection(garnet, logger);
    }

    private static OptionsValidationException Refused(string message) =>
        new(StateOptions.SectionName, typeof(StateOptions), [message]);

    public void Dispose()
    {
        if (_embedded is null)
        {
            return;
        }
        if (_embedded.Storage is not null)
        {
            // A checkpoint on a clean stop: the next start loads it instead of replaying the append-only file.
            try
            {
                _embedded.Checkpoint();
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or IOException)
            {
                _logger?.LogWarning(ex, "Checkpoint on stop failed; the next start replays the append-only file instead");
            }
        }
        _embedded.Dispose();
    }
}
