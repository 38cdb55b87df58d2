using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Journeys.Contracts.Events;
using Journeys.Demo;
using Journeys.Lab.Synthetic;
using Journeys.SessionActors.Routing;
using Journeys.SessionActors.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ScottPlot;

namespace Journeys.LoadTest;

/// <summary>
/// What live sessions cost in memory, measured rather than estimated: the in-process engine (real session actors,
/// real batcher and model) gets one event for each of <c>sessions</c> new sessions, straight into its region, and at
/// checkpoints the managed heap (after a full compacting GC) and the process RSS are read. Kafka is left out on
/// purpose: its buffers would be counted as session memory.
/// </summary>
public sealed class SessionMemoryProbe
{
    private const int InFlight = 4096;
    private readonly int _sessions;
    private readonly int _seed;
    private readonly Action<string> _status;

    public SessionMemoryProbe(int sessions, int seed, Action<string> status)
    {
        _sessions = sessions;
        _seed = seed;
        _status = status;
    }

    /// <param name="StartSeconds">Time from the first session's event until every session so far had its decision (measuring excluded).</param>
    public sealed record Checkpoint(int Sessions, int LiveSessions, double HeapMb, double RssMb, double HeapBytesPerSession, double RssBytesPerSession,
        double StartSeconds);

    public async Task<IReadOnlyList<Checkpoint>> RunAsync(IHost engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var profile = ShopperProfile.Fit(BundledData.SampleEvents());
        var region = await engine.Services.GetRequiredService<ActorRegistry>().GetAsync<SessionRegion>(cancellationToken);
        var (heap0, rss0) = Measure();
        _status($"baseline: heap {heap0 / 1048576.0:0} MB, rss {rss0 / 1048576.0:0} MB");

        var random = new Random(_seed);
        var gate = new SemaphoreSlim(InFlight);
        var sink = new CountingSink(gate);
        var checkpoints = new List<Checkpoint>();
        var marks = new SortedSet<int> { _sessions };
        for (var m = 100_000; m < _sessions; m *= 10) { marks.Add(m); marks.Add(m * 5 / 2); marks.Add(m * 5); }
        var clock = Stopwatch.StartNew();
        // Full GCs at checkpoints are the measurement's cost, not the sessions': left out of the start time.
        var measuring = new Stopwatch();
        var start = DateTimeOffset.UtcNow;
        for (var i = 1; i <= _sessions; i++)
        {
            await gate.WaitAsync(cancellationToken);
            var product = profile.Products[random.Next(profile.Products.Count)];
            region.Tell(new ApplyEvent(new ClickEvent($"mem-e{i}", $"mem-s{i}", null, start, ClickType.ProductView, ProductId: product), ReplyTo: sink));
            if (marks.Contains(i) || i % 100_000 == 0)
            {
                // Every session started so far has answered before anything is measured.
                for (var k = 0; k < InFlight; k++) await gate.WaitAsync(cancellationToken);
                gate.Release(InFlight);
                if (marks.Contains(i))
                {
                    var starting = clock.Elapsed - measuring.Elapsed;
                    measuring.Start();
                    var stats = await region.Ask<RegionStats>(GetRegionStats.Instance, TimeSpan.FromMinutes(1), cancellationToken);
                    var (heap, rss) = Measure();
                    measuring.Stop();
                    var point = new Checkpoint(i, stats.LiveSessions, heap / 1048576.0, rss / 1048576.0,
                        (heap - heap0) / (double)i, (rss - rss0) / (double)i, starting.TotalSeconds);
                    checkpoints.Add(point);
                    _status($"{i,9} sessions ({stats.LiveSessions} live, {sink.Rejected} rejected) after {clock.Elapsed.TotalSeconds:0} s: heap {point.HeapMb:0} MB, rss {point.RssMb:0} MB; per session {point.HeapBytesPerSession:0} B heap, {point.RssBytesPerSession:0} B rss");
                }
                else
                {
                    _status($"{i,9} sessions after {clock.Elapsed.TotalSeconds:0} s");
                }
            }
        }
        return checkpoints;
    }

    public static string Chart(IReadOnlyList<Checkpoint> points, string directory)
    {
        ArgumentNullException.ThrowIfNull(points);
        Directory.CreateDirectory(directory);
        var plot = new Plot();
        var x = points.Select(p => (double)p.Sessions).ToArray();
        plot.Add.Scatter(x, points.Select(p => p.HeapMb).ToArray()).LegendText = "managed heap after full GC (MB)";
        plot.Add.Scatter(x, points.Select(p => p.RssMb).ToArray()).LegendText = "process RSS (MB)";
        plot.Title("Engine memory by live sessions (one event each)");
        plot.XLabel("live sessions");
        plot.YLabel("MB");
        plot.ShowLegend();
        var path = Path.Combine(directory, "memory-by-sessions.png");
        plot.SavePng(path, 1000, 520);
        return path;
    }

    private static (long Heap, long Rss) Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), self.WorkingSet64);
    }

    private sealed class CountingSink(SemaphoreSlim gate) : ISessionReplySink
    {
        private long _rejected;

        public long Rejected => Interlocked.Read(ref _rejected);

        public void OnReply(SessionReply reply)
        {
            if (reply is EventRejected)
            {
                Interlocked.Increment(ref _rejected);
            }
            // As a producer's delivery report would, a moment later: a delivered decision is no longer kept (in the
            // session, or in the snapshot written after it).
            (reply as EventDecided)?.Pending?.MarkDelivered();
            gate.Release();
        }

        public void OnStateDurable()
        {
            // Memory is measured, not durability.
        }
    }
}
