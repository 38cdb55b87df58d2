using Journeys.Scoring.Catalog;
using Journeys.Lab.Evaluation.NextItem;

namespace Journeys.Scoring.Tests.Catalog;

public sealed class SessionNeighbourIndexTests
{
    private static string Id(int item) => $"i{item}";

    /// <summary>Sessions of items 1…40 with repeats, popular items more frequent (so samples and k both bind).</summary>
    private static List<int[]> RandomSessions(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, random.Next(1, 9))
            .Select(_ => 1 + (int)(40 * Math.Pow(random.NextDouble(), 2))).ToArray())];
    }

    private static string[] MostRecentFirst(int[] prefix) => [.. prefix.Reverse().Select(Id)];

    private static SessionNeighbourSnapshot Seeded(IEnumerable<int[]> sessions, SessionNeighbourOptions options) =>
        SessionNeighbourIndex.Build(sessions.Select(s => s.Select(Id).ToArray()), options);

    [Theory]
    [InlineData(100, 1000)]
    [InlineData(5, 30)]
    [InlineData(3, 3)]
    public void With_large_bounds_the_index_scores_exactly_like_VsknnBaseline(int k, int sampleSize)
    {
        var train = RandomSessions(400, seed: 20261129);
        var baseline = new VsknnBaseline(k, sampleSize);
        baseline.Fit(train, itemCount: 40);
        var options = SessionNeighbourOptions.Unbounded(maxSessions: 1_000);
        options.Neighbours = k;
        options.SampleSize = sampleSize;
        options.MaxCandidates = 10_000;
        var snapshot = Seeded(train, options);

        foreach (var prefix in RandomSessions(60, seed: 7))
        {
            var expected = new float[41];
            baseline.Score(prefix, expected);
            var actual = snapshot.Score(MostRecentFirst(prefix)).ToDictionary(s => s.ProductId, s => s.Score);
            for (var item = 1; item <= 40; item++)
            {
                // Bit for bit: the same operations in the same order, so ranks (ties included) are the same too.
                Assert.Equal(expected[item], actual.GetValueOrDefault(Id(item)));
            }
            Assert.DoesNotContain(actual.Values, v => v == 0);
        }
    }

    [Fact]
    public void Candidates_come_best_first_and_are_capped()
    {
        var options = SessionNeighbourOptions.Unbounded(1_000);
        options.MaxCandidates = 5;
        var snapshot = Seeded(RandomSessions(200, seed: 3), options);

        var scored = snapshot.Score(["i1", "i2"]);

        Assert.Equal(5, scored.Count);
        Assert.Equal(scored.OrderByDescending(s => s.Score), scored);
    }

    [Fact]
    public void The_current_session_is_never_its_own_neighbour()
    {
        var index = new SessionNeighbourIndex(new SessionNeighbourOptions());
        index.Seed([["a", "b"]]);
        index.Add("live", "a");
        index.Add("live", "c");

        var scored = index.Snapshot().Score(["a"], excludeSessionId: "live");

        // Only the seeded session votes: c is the live session's own product.
        Assert.Equal(["a", "b"], scored.Select(s => s.ProductId).Order(StringComparer.Ordinal));
        Assert.Contains(index.Snapshot().Score(["a"]), s => s.ProductId == "c");
    }

    [Fact]
    public void Excluding_a_session_scores_as_if_it_were_not_indexed()
    {
        var sessions = RandomSessions(300, seed: 11);
        var options = SessionNeighbourOptions.Unbounded(1_000);
        options.SampleSize = 50;
        options.Neighbours = 10;
        var without = new SessionNeighbourIndex(options);
        var with = new SessionNeighbourIndex(options);
        for (var s = 0; s < sessions.Count; s++)
        {
            foreach (var item in sessions[s])
            {
                if (s != 150) without.Add($"s{s}", Id(item));
                with.Add($"s{s}", Id(item));
            }
        }
        var recent = MostRecentFirst(sessions[150]);

        Assert.Equal(without.Snapshot().Score(recent), with.Snapshot().Score(recent, excludeSessionId: "s150"));
    }

    [Fact]
    public void Beyond_MaxSessions_the_session_with_the_oldest_latest_click_is_forgotten()
    {
        var index = new SessionNeighbourIndex(new SessionNeighbourOptions { MaxSessions = 2 });
        index.Add("s1", "a");
        index.Add("s2", "b");
        index.Add("s1", "c"); // s1 is now the more recent
        index.Add("s3", "d");

        var snapshot = index.Snapshot();

        Assert.Equal(2, index.SessionCount);
        Assert.Equal(2, snapshot.SessionCount);
        Assert.Empty(snapshot.Score(["b"]));
        Assert.NotEmpty(snapshot.Score(["a"]));
        // Products no session holds any more are forgotten too.
        Assert.Equal(3, index.ItemCount);
    }

    [Fact]
    public void A_session_keeps_its_latest_MaxItemsPerSession_distinct_products()
    {
        var index = new SessionNeighbourIndex(new SessionNeighbourOptions { MaxItemsPerSession = 2 });
        foreach (var item in new[] { "a", "b", "a", "c" }) index.Add("s", item);

        var snapshot = index.Snapshot();

        Assert.Empty(snapshot.Score(["a"]));
        Assert.Equal(["b", "c"], snapshot.Score(["b"]).Select(s => s.ProductId).Order(StringComparer.Ordinal));
        Assert.Equal(2, index.ItemCount);
    }

    [Fact]
    public void A_product_lists_its_MaxSessionsPerItem_most_recent_sessions()
    {
        var index = new SessionNeighbourIndex(new SessionNeighbourOptions { MaxSessionsPerItem = 2 });
        index.Seed([["a", "old"], ["a", "mid"], ["a", "new"]]);

        var scored = index.Snapshot().Score(["a"]);

        Assert.Equal(["a", "mid", "new"], scored.Select(s => s.ProductId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_snapshot_is_rebuilt_only_after_a_change()
    {
        var index = new SessionNeighbourIndex(new SessionNeighbourOptions());
        index.Add("s", "a");
        var first = index.Snapshot();

        Assert.Same(first, index.Snapshot());
        index.Add("s", "a"); // a repeat still makes the session the most recent
        Assert.NotSame(first, index.Snapshot());
        Assert.Equal(first.Version + 1, index.Snapshot().Version);
    }

    [Fact]
    public void An_index_with_MaxSessions_zero_keeps_nothing()
    {
        var index = new SessionNeighbourIndex(new SessionNeighbourOptions { MaxSessions = 0 });
        index.Seed([["a", "b"]]);
        index.Add("s", "a");

        Assert.False(index.Enabled);
        Assert.Equal(0, index.SessionCount);
        Assert.Empty(index.Snapshot().Score(["a"]));
    }

    [Fact]
    public async Task A_published_snapshot_scores_the_same_while_the_writer_keeps_adding()
    {
        var sessions = RandomSessions(500, seed: 5);
        var options = new SessionNeighbourOptions { MaxSessions = 300 };
        var index = new SessionNeighbourIndex(options);
        index.Seed(sessions.Take(250).Select(s => s.Select(Id).ToArray()));
        var snapshot = index.Snapshot();
        var probes = RandomSessions(20, seed: 6).Select(MostRecentFirst).ToArray();
        var expected = probes.Select(p => snapshot.Score(p)).ToArray();

        // The writer runs on a thread of its own and the readers keep checking until it has replaced half the index and
        // published several snapshots, however the machine schedules them.
        var written = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Volatile.Read(ref written);
                foreach (var item in sessions[250 + (n % 250)]) index.Add($"w{n}", Id(item));
                if (n % 50 == 0) index.Snapshot();
                Volatile.Write(ref written, n + 1);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            for (var round = 0; round < 50 || Volatile.Read(ref written) < 400; round++)
            {
                for (var p = 0; p < probes.Length; p++) Assert.Equal(expected[p], snapshot.Score(probes[p]));
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromMinutes(2));
        await stop.CancelAsync();
        await writer;
        Assert.Equal(300, index.SessionCount);
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new SessionNeighbourIndex(new SessionNeighbourOptions { Neighbours = 2_000 }));

        Assert.Contains("SessionNeighbours:Neighbours", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SessionNeighbourIndex(new SessionNeighbourOptions { MaxItemsPerSession = 0 }));
    }
}
