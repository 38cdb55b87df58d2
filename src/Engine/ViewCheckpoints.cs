using System.Diagnostics;
using Journeys.Ingest.Kafka;
using Journeys.Scoring.Views;
using Journeys.SessionActors.State;
using Microsoft.Extensions.Logging;

namespace Journeys.Engine;

/// <summary>
/// Writes the views' saved states to Garnet. Every engine's views hold the whole stream, so one engine saves for all:
/// the owner of the clicks topic's partition 0, fenced by that partition's epoch (an engine that lost it cannot
/// overwrite a newer owner's save). States are handed over on the view stages' threads and written in the background,
/// the newest per view only: a save still waiting when a newer one comes is dropped, never queued.
/// </summary>
#pragma warning disable CA1001 // _stop is only ever cancelled (no timer, no handle): nothing to release, and a write still in flight at stop may read its token.
internal sealed partial class ViewCheckpoints
#pragma warning restore CA1001
{
    /// <summary>The partition whose owner saves the views.</summary>
    public const int SavingPartition = 0;

    private readonly GarnetSessionStore _store;
    private readonly SnapshotWriter _writer;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, byte[]> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _writing = Task.CompletedTask;
    private volatile bool _saving;

    public ViewCheckpoints(GarnetSessionStore store, SnapshotWriter writer, ILogger<ViewCheckpoints> log)
    {
        _store = store;
        _writer = writer;
        _log = log;
    }

    /// <summary>Saves written since start (for tests and the stop log line).</summary>
    public int Saved { get; private set; }

    /// <summary>Follows the assignment: this engine saves the views while it owns <see cref="SavingPartition"/>.</summary>
    public void OnPartitionsChanged(PartitionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!change.Partitions.Any(p => p.Partition.Value == SavingPartition)) return;
        _saving = change.Kind is PartitionChangeKind.Assigned;
    }

    /// <summary>Whether this engine saves the views now (it owns <see cref="SavingPartition"/>); any thread.</summary>
    public bool Saving => _saving;

    /// <summary>A view's new state (any thread): written soon if this engine saves the views, else dropped.</summary>
    public void Offer(string view, byte[] state)
    {
        if (!_saving) return;
        lock (_gate)
        {
            _pending[view] = state;
            if (_writing.IsCompleted) _writing = Task.Run(WriteAsync);
        }
    }

    /// <summary>Waits (bounded) for the states offered so far to be written: at a clean stop.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        Task writing;
        lock (_gate) writing = _writing;
        try
        {
            await writing.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.LogWarning("The views' last saved state was not written within {Timeout}: a restart replays from the one before", timeout);
        }
        await _stop.CancelAsync().ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        while (true)
        {
            string view;
            byte[] state;
            lock (_gate)
            {
                if (_pending.Count == 0) return;
                (view, state) = _pending.First();
                _pending.Remove(view);
            }
            try
            {
                if (_writer.EpochOf(SavingPartition) is not { } epochTask)
                {
                    continue;
                }
                var epoch = await epochTask.WaitAsync(_stop.Token).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                // Compressed here, not on the view stage's thread, which only copied the model out.
                var compressed = ViewState.Compress(state);
                var compressedIn = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (await _store.SaveViewStateAsync(view, compressed, SavingPartition, epoch, _stop.Token).ConfigureAwait(false))
                {
                    Saved++;
                    LogSaved(view, state.Length, compressed.Length, compressedIn, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    LogRefused(view, epoch);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // A save that fails must not stop the views: the next checkpoint writes a newer state.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(view, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saved the {View} view's state ({Bytes} bytes, {Compressed} compressed in {CompressMilliseconds:F0} ms) in {Milliseconds:F0} ms")]
    private partial void LogSaved(string view, int bytes, int compressed, double compressMilliseconds, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {View} view's state was not saved: partition 0's epoch {Epoch} is no longer current (another engine owns it and saves the views)")]
    private partial void LogRefused(string view, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {View} view's state was not saved: {Error}; the next checkpoint tries again")]
    private partial void LogFailed(string view, string error);
}
