using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.Json;

namespace Journeys.Benchmarks.Contracts;

/// <summary>The per-event codec work on the hot path: decode + validate a click, encode a decision.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly byte[] _click = Encoding.UTF8.GetBytes(
        """{"eventId":"e-1","sessionId":"s-1","userId":"u-1","timestamp":"2026-11-22T10:00:00.123Z","type":"product_view","productId":"p-42","categoryId":"c-7","price":19.99,"quantity":1,"query":"rain boots","channel":"web"}""");

    private readonly Decision _decision = new("e-1", "s-1", 3, JourneyStage.Intent,
        new StageProbabilities(0.1, 0.2, 0.4, 0.2, 0.1), 0.21, 0.47,
        [.. Enumerable.Range(0, 10).Select(i => new Recommendation($"p-{i}", 0.03, "model"))], null,
        "untrained-seed42-0123abcd", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1.8);

    [Benchmark]
    public DecodeResult DecodeClick() => ClickEventCodec.Decode(_click);

    [Benchmark]
    public byte[] EncodeDecision() => JsonSerializer.SerializeToUtf8Bytes(_decision, JourneysJsonContext.Default.Decision);
}
