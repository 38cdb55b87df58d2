using BenchmarkDotNet.Attributes;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Scoring.Batching;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;

namespace Journeys.Benchmarks.SessionActors;

/// <summary>
/// What session state costs per event: the snapshot core a session encodes after every event (on its actor), and
/// completing it with the undelivered decisions (on the writer, once per flush for the newest). Sessions of 10 and 100 events: the dedupe ids and recent items
/// grow with the session up to their bounds. Hidden size 64 as in the bundled model; one unconfirmed decision.
/// </summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private SessionState _state = null!;
    private byte[] _core = null!;
    private readonly System.Buffers.ArrayBufferWriter<byte> _output = new(4096);
    private PendingDecision[] _pending = null!;

    [Params(10, 100)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var t0 = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var arena = new StateArena(64);
        var slot = arena.Rent();
        _state = new SessionState("s-1", arena, slot, new SessionOptions());
        var random = new Random(1);
        for (var n = 1; n <= Events; n++)
        {
            var type = n % 5 == 0 ? ClickType.AddToCart : ClickType.ProductView;
            foreach (ref var x in arena.Row(slot))
            {
                x = (float)random.NextDouble();
            }
            _state.Apply(new ClickEvent($"s-1-e{n}", "s-1", "u-1", t0.AddSeconds(n * 9), type, $"p-{random.Next(5000)}", "c-3", 19.99));
        }
        var decision = new Decision($"s-1-e{Events}", "s-1", Events, JourneyStage.Intent, new StageProbabilities(0.1, 0.2, 0.4, 0.2, 0.1),
            0.21, 0.47, [.. Enumerable.Range(0, 10).Select(i => new Recommendation($"p-{i}", 0.03, "model"))], null,
            "trained-rees46-20261122-a2874da1", t0, default, 0);
        _pending = [new PendingDecision(decision.EventId, Events, decision)];
        _core = EncodeCore();
    }

    /// <summary>What a session does after each event: its snapshot without the pending decisions.</summary>
    [Benchmark]
    public byte[] EncodeCore() => SessionSnapshotCodec.EncodeCore(_state, "trained-rees46-20261122-a2874da1", 2, 1234);

    /// <summary>What the writer does per session it writes: the core and the undelivered decision.</summary>
    [Benchmark]
    public int CompleteSnapshot()
    {
        _output.ResetWrittenCount();
        SessionSnapshotCodec.Complete(_core, _pending, _output);
        return _output.WrittenCount;
    }
}
