using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Forecast;
using Journeys.Scoring.Views;

namespace Journeys.Scoring.Tests.Views;

/// <summary>
/// The view stages with saved state: a stage stopped part way saves state and positions; a stage started from that
/// state and fed the whole topic again (a replay after a crash) counts only the clicks after the saved positions, and
/// ends where a stage that saw the topic once ends.
/// </summary>
public sealed class ViewStageRestoreTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create($"view-restore-{Guid.NewGuid():N}");
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    /// <summary>Clicks placed on two partitions, offsets counting per partition, as a topic would hold them.</summary>
    private static List<ViewClick> Topic(int seed, int count)
    {
        var offsets = new long[2];
        return [.. ViewStreams.Mixed(seed, count).Select(c =>
        {
            var partition = c.SessionId.GetHashCode(StringComparison.Ordinal) & 1;
            return new ViewClick(partition, offsets[partition]++, c);
        })];
    }

    [Fact]
    public async Task A_catalog_stage_restored_and_fed_the_whole_topic_again_counts_nothing_twice()
    {
        var topic = Topic(11, 3000);
        var unbroken = await RunCatalogAsync(topic, null);

        var saved = new List<byte[]>();
        var restores = new List<ViewRestore>();
        await RunCatalogAsync(topic.Take(1800), Persistence(null, saved, restores));
        var resumed = await RunCatalogAsync(topic, Persistence(saved[^1], saved, restores));

        Assert.Equal(Content(unbroken.Snapshot), Content(resumed.Snapshot));
        Assert.False(restores[0].Restored);
        Assert.True(restores[1].Restored);
        var covered = topic.Take(1800).GroupBy(c => c.Partition).ToDictionary(g => g.Key, g => g.Max(c => c.Offset) + 1);
        Assert.Equal(covered, restores[1].Positions);
    }

    [Fact]
    public async Task A_forecast_stage_restored_and_fed_the_whole_topic_again_counts_nothing_twice()
    {
        var topic = Topic(12, 3000).Select((c, i) => c with { Event = c.Event with { Timestamp = c.Event.Timestamp.AddMinutes(5 * i) } }).ToList();
        var unbroken = await RunForecastAsync(topic, null);

        var saved = new List<byte[]>();
        var restores = new List<ViewRestore>();
        await RunForecastAsync(topic.Take(2100), Persistence(null, saved, restores));
        var resumed = await RunForecastAsync(topic, Persistence(saved[^1], saved, restores));

        // Versions aside (a restored stage publishes its restored view at once: one snapshot more), the same forecasts.
        Assert.Equal(ForecastSnapshotCodec.Encode(new ForecastSnapshot(0, unbroken.AsOf, unbroken.Products)),
            ForecastSnapshotCodec.Encode(new ForecastSnapshot(0, resumed.AsOf, resumed.Products)));
    }

    [Fact]
    public async Task A_saved_state_the_stage_cannot_read_is_reported_and_the_view_starts_empty()
    {
        var topic = Topic(13, 300);
        var restores = new List<ViewRestore>();
        var damaged = new byte[] { (byte)'J', (byte)'V', (byte)'S', 1, 7, (byte)'c' };

        var result = await RunCatalogAsync(topic, Persistence(damaged, [], restores));

        var restore = Assert.Single(restores);
        Assert.False(restore.Restored);
        Assert.NotNull(restore.Error);
        Assert.Equal(Content((await RunCatalogAsync(topic, null)).Snapshot), Content(result.Snapshot));
    }

    [Fact]
    public async Task A_catalog_state_is_not_taken_for_a_forecast_state()
    {
        var saved = new List<byte[]>();
        await RunCatalogAsync(Topic(14, 100), Persistence(null, saved, []));
        var restores = new List<ViewRestore>();

        await RunForecastAsync(Topic(14, 100), Persistence(saved[^1], [], restores));

        Assert.Contains("catalog", Assert.Single(restores).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clicks_counted_before_the_engine_saves_the_views_are_saved_once_it_does_with_no_click_in_between()
    {
        // A restarted engine's views may count every click before its assignment says it saves them. As in the engine,
        // a state handed over before then is dropped; the checkpoints meanwhile must not count as saved.
        var topic = Topic(15, 200);
        var covered = topic.GroupBy(c => c.Partition).ToDictionary(g => g.Key, g => g.Max(c => c.Offset) + 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool Saving() => clock.ElapsedMilliseconds > 300;
        var saved = new List<IReadOnlyDictionary<int, long>>();
        var persistence = new ViewPersistence(null, TimeSpan.FromMilliseconds(50), (_, bytes) =>
        {
            if (!Saving()) return;
            var state = ViewState.Decode(bytes, "catalog");
            using (state.Body)
            {
                lock (saved) saved.Add(new Dictionary<int, long>(state.Positions.Next));
            }
        }, _ => { })
        {
            Accepting = Saving,
        };
        var stage = new CatalogStage(new CatalogOptions { PublishInterval = Never }, new SessionNeighbourOptions { MaxSessions = 100 }, [["p1", "p2"]], persistence);
        var kill = Source.From(topic).Concat(Source.Never<ViewClick>()).ViaMaterialized(KillSwitches.Single<ViewClick>(), Keep.Right)
            .Via(stage).To(Sink.Ignore<CatalogSnapshot>()).Run(_system.Materializer());
        try
        {
            await Poll.Until(() => { lock (saved) return saved.Any(p => p.Count == covered.Count && covered.All(c => p.GetValueOrDefault(c.Key) == c.Value)); },
                Patience, () => $"a save covering every click ({saved.Count} saves taken)");
        }
        finally
        {
            kill.Shutdown();
        }
    }

    /// <summary>A snapshot's encoding without its version (bytes 4–11 after the magic): a restored stage publishes its
    /// restored view at once, one snapshot more than a stage that never stopped.</summary>
    private static byte[] Content(CatalogSnapshot snapshot)
    {
        var bytes = CatalogSnapshotCodec.Encode(snapshot);
        Array.Clear(bytes, 4, sizeof(long));
        return bytes;
    }

    private static ViewPersistence Persistence(byte[]? restored, List<byte[]> saved, List<ViewRestore> restores) =>
        new(restored, Never, (_, state) => saved.Add(state), restores.Add);

    private async Task<(CatalogSnapshot Snapshot, int Count)> RunCatalogAsync(IEnumerable<ViewClick> clicks, ViewPersistence? persistence)
    {
        var stage = new CatalogStage(new CatalogOptions { PublishInterval = Never }, new SessionNeighbourOptions { MaxSessions = 100 }, [["p1", "p2"]], persistence);
        var snapshots = await Source.From(clicks).Via(stage).RunWith(Sink.Seq<CatalogSnapshot>(), _system.Materializer()).WaitAsync(Patience);
        return (snapshots[^1], snapshots.Count);
    }

    private async Task<ForecastSnapshot> RunForecastAsync(IEnumerable<ViewClick> clicks, ViewPersistence? persistence)
    {
        var stage = new ForecastStage(new ForecastOptions { PublishInterval = Never }, null, persistence);
        return await Source.From(clicks).Via(stage).RunWith(Sink.Last<ForecastSnapshot>(), _system.Materializer()).WaitAsync(Patience);
    }
}
