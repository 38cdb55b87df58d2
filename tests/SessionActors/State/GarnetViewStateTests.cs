using Journeys.SessionActors.State;
using StackExchange.Redis;

namespace Journeys.SessionActors.Tests.State;

/// <summary>The views' saved state in a real (embedded) Garnet: chunked, swapped whole, fenced by partition 0's epoch.</summary>
public sealed class GarnetViewStateTests : IDisposable
{
    private readonly EmbeddedGarnet _garnet = EmbeddedGarnet.Start();
    private readonly GarnetSessionStore _store;
    private readonly string _prefix = $"vs-{Guid.NewGuid():N}"[..12];

    public GarnetViewStateTests() => _store = new GarnetSessionStore(_garnet.Endpoint, null, _prefix, TimeSpan.FromMinutes(5));

    public void Dispose()
    {
        _store.Dispose();
        _garnet.Dispose();
    }

    private static byte[] State(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_state_larger_than_a_chunk_is_read_back_whole_and_the_previous_generation_is_deleted()
    {
        var epoch = await _store.AcquireEpochAsync(0, default);
        var big = State((2 * GarnetSessionStore.ViewStateChunk) + 12345, 1);
        var small = State(100, 2);

        Assert.Null(await _store.ReadViewStateAsync("catalog", default));
        Assert.True(await _store.SaveViewStateAsync("catalog", big, 0, epoch, default));
        Assert.Equal(big, await _store.ReadViewStateAsync("catalog", default));
        Assert.True(await _store.SaveViewStateAsync("catalog", small, 0, epoch, default));

        Assert.Equal(small, await _store.ReadViewStateAsync("catalog", default));
        // The manifest and the one chunk of the current generation: nothing of the big state is left.
        Assert.Equal(2, await KeysAsync($"{_store.ViewStateKey("catalog")}*"));
    }

    [Fact]
    public async Task A_save_by_a_former_owner_of_partition_0_is_refused_and_leaves_the_newer_state()
    {
        var old = await _store.AcquireEpochAsync(0, default);
        var current = await _store.AcquireEpochAsync(0, default);
        var newer = State(5000, 3);
        Assert.True(await _store.SaveViewStateAsync("forecast", newer, 0, current, default));

        Assert.False(await _store.SaveViewStateAsync("forecast", State(7000, 4), 0, old, default));

        Assert.Equal(newer, await _store.ReadViewStateAsync("forecast", default));
        Assert.Equal(2, await KeysAsync($"{_store.ViewStateKey("forecast")}*"));
    }

    private async Task<int> KeysAsync(string pattern)
    {
        using var client = await ConnectionMultiplexer.ConnectAsync(_garnet.Endpoint);
        return client.GetServer(client.GetEndPoints()[0]).Keys(pattern: pattern).Count();
    }
}
