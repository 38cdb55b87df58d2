using System.Diagnostics;
using Journeys.Contracts.Events;

namespace Journeys.LoadTest;

/// <summary>
/// The load test's open-loop generator: on its own thread, every millisecond it sends to its target (Kafka, or the
/// engine-only run's in-process log) every click due by then at the offered rate (wire JSON, as a collector sends), each
/// stamped with the time it was due — so a generator that fell behind still charges the delay to the engine.
/// Its CPU and allocations are the harness's, measured apart from the engine's.
/// </summary>
internal sealed class ClickGenerator
{
    /// <summary>The generator thread's name (its CPU is the harness's).</summary>
    public const string ThreadName = "loadtest-gen";

    private readonly IClickTarget _target;
    private readonly IEnumerator<ClickEvent> _events;
    private readonly double _rate;
    private readonly long _total;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stop;
    private long _sent;
    private long _allocated;

    public ClickGenerator(IClickTarget target, IEnumerable<ClickEvent> events, double rate, long total)
    {
        _target = target;
        _events = events.GetEnumerator();
        _rate = rate;
        _total = total;
        _thread = new Thread(Run) { IsBackground = true, Name = ThreadName };
    }

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Bytes this generator allocated (harness).</summary>
    public long Allocated => Interlocked.Read(ref _allocated);

    public Task Completion => _done.Task;

    public void Start() => _thread.Start();

    public void Stop() => _stop = true;

    private void Run()
    {
        try
        {
            var allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            var ticksPerEvent = Stopwatch.Frequency / _rate;
            var sent = 0L;
            while (sent < _total && !_stop)
            {
                var now = Stopwatch.GetTimestamp();
                var due = Math.Min(_total, (long)((now - start) / ticksPerEvent) + 1);
                for (; sent < due && _events.MoveNext(); sent++)
                {
                    var e = _events.Current;
                    _target.Append(e.SessionId, ClickEventCodec.Encode(e), start + (long)(sent * ticksPerEvent));
                }
                _target.Signal();
                Interlocked.Exchange(ref _sent, sent);
                Interlocked.Exchange(ref _allocated, GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart);
                Thread.Sleep(1);
            }
            _done.TrySetResult();
        }
#pragma warning disable CA1031 // The run reports the generator's failure instead of losing it on a background thread.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _done.TrySetException(e);
        }
    }
}
