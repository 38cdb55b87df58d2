using BenchmarkDotNet.Attributes;
using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Views;

namespace Journeys.Benchmarks.Scoring;

/// <summary>
/// What saving and restoring the catalog view costs at its default bounds (100,000 products, 100,000 remembered
/// sessions, a 100,000-session neighbour index): the save runs on the catalog stage's thread every
/// Engine:ViewCheckpointInterval, the restore once at start. The stream is seeded and synthetic (600,000 clicks of
/// 100,000 sessions over 150,000 skewed products), enough to fill every table.
/// </summary>
[MemoryDiagnoser]
public class ViewStateBenchmarks
{
    private CatalogModel _model = null!;
    private byte[] _raw = null!;
    private byte[] _state = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261129);
        var t0 = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        _model = new CatalogModel(new CatalogOptions(), new SessionNeighbourIndex(new SessionNeighbourOptions()));
        for (var i = 0; i < 600_000; i++)
        {
            var session = $"s{(i / 6) + random.Next(3)}";
            var product = $"p{(int)(150_000 * Math.Pow(random.NextDouble(), 3))}";
            var roll = random.NextDouble();
            var type = roll < 0.85 ? ClickType.ProductView : roll < 0.95 ? ClickType.AddToCart : ClickType.Purchase;
            _model.Observe(new ClickEvent($"e{i}", session, null, t0.AddMilliseconds(i * 100), type, product, $"c{product.Length}"));
        }
        _model.Publish();
        _raw = Save();
        _state = ViewState.Compress(_raw);
        Console.WriteLine($"// catalog view state: {_raw.Length:N0} bytes, {_state.Length:N0} compressed, for {_model.TrackedItems:N0} products, {_model.TrackedSessions:N0} sessions, {_model.NeighbourSessions:N0} neighbour sessions");
    }

    /// <summary>On the catalog stage's thread: the model copied out.</summary>
    [Benchmark]
    public byte[] Save() => ViewState.Encode(CatalogStage.ViewName, new Dictionary<int, long> { [0] = 600_000 }, _model.WriteState, _raw?.Length ?? 0);

    /// <summary>On the writer's thread: the copy compressed before it goes to Garnet.</summary>
    [Benchmark]
    public byte[] Compress() => ViewState.Compress(_raw);

    [Benchmark]
    public CatalogModel Restore()
    {
        var state = ViewState.Decode(_state, CatalogStage.ViewName);
        using (state.Body)
        {
            return CatalogModel.Restore(new CatalogOptions(), new SessionNeighbourOptions(), state.Body);
        }
    }
}
