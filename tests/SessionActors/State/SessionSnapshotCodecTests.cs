using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;

namespace Journeys.SessionActors.Tests.State;

public sealed class SessionSnapshotCodecTests
{
    private static SessionState Played()
    {
        var state = new SessionState("s-1", 4, new SessionOptions { DedupeWindow = 8, RecentItems = 3 });
        var script = new[] { ClickType.ProductView, ClickType.AddToCart, ClickType.ProductView, ClickType.AddToCart, ClickType.Purchase, ClickType.Search };
        for (var n = 1; n <= script.Length; n++)
        {
            state.Apply(Events.Click("s-1", n, script[n - 1], product: $"p-{n % 4}"), [n, 0.5f, -1e-7f, float.Epsilon], [n * 2f, 0, 0, 1]);
        }
        return state;
    }

    [Fact]
    public void A_session_survives_encode_decode_and_restore_field_for_field()
    {
        var original = Played();
        var decided = new Decision("s-1-e6", "s-1", 6, JourneyStage.Loyalty, new StageProbabilities(0.1, 0.1, 0.1, 0.2, 0.5),
            0.25, 0.5, [new Recommendation("p-2", 0.4, "model")], null, "model-v1", DateTimeOffset.UnixEpoch, default, 0);
        var pending = new PendingDecision("s-1-e6", 41, decided);

        var bytes = SessionSnapshotCodec.Encode(original.ToSnapshot("model-v1", partition: 3, offset: 41, [pending]));
        var snapshot = SessionSnapshotCodec.Decode(bytes);
        var restored = SessionState.Restore(snapshot, "model-v1", 4, new SessionOptions { DedupeWindow = 8, RecentItems = 3 });

        Assert.Equal((3, 41L), (snapshot.Partition, snapshot.Offset));
        Assert.Equal(original.H, restored.H);
        Assert.Equal(original.C, restored.C);
        Assert.Equal(original.Sequence, restored.Sequence);
        Assert.Equal(original.LastTimestamp, restored.LastTimestamp);
        Assert.Equal(original.Stage, restored.Stage);
        Assert.Equal(original.Journey.TypeCounts, restored.Journey.TypeCounts);
        Assert.Equal(original.Journey.Cart, restored.Journey.Cart);
        Assert.Equal(original.RecentItems(), restored.RecentItems());
        Assert.Equal(original.SeenEvents, restored.SeenEvents);
        Assert.True(restored.HasSeen("s-1-e1"));
        var back = Assert.Single(snapshot.Pending);
        Assert.Equal(("s-1-e6", 41L), (back.EventId, back.Offset));
        Assert.Equal(Json(decided), Json(back.Decision));
    }

    private static string Json(Decision d) =>
        System.Text.Json.JsonSerializer.Serialize(d, Journeys.Contracts.Json.JourneysJsonContext.Default.Decision);

    [Fact]
    public void A_snapshot_of_another_model_keeps_the_journey_but_not_the_hidden_state()
    {
        var snapshot = SessionSnapshotCodec.Decode(SessionSnapshotCodec.Encode(Played().ToSnapshot("model-v1", 0, 1, [])));

        var restored = SessionState.Restore(snapshot, "model-v2", 4, new SessionOptions());

        Assert.All(restored.H, v => Assert.Equal(0f, v));
        Assert.Equal(6, restored.Sequence);
        Assert.Equal(JourneyStage.Loyalty, restored.Stage);
    }

    [Fact]
    public void Foreign_truncated_or_future_bytes_are_refused_with_a_reason()
    {
        var bytes = SessionSnapshotCodec.Encode(Played().ToSnapshot("m", 0, 1, []));
        var future = (byte[])bytes.Clone();
        future[2] = SessionSnapshotCodec.FormatVersion + 1;

        Assert.Contains("not a Journeys", Assert.Throws<InvalidDataException>(() => SessionSnapshotCodec.Decode("{}"u8.ToArray())).Message, StringComparison.Ordinal);
        for (var cut = 3; cut < bytes.Length; cut += 7)
        {
            Assert.Contains("snapshot", Assert.Throws<InvalidDataException>(() => SessionSnapshotCodec.Decode(bytes.AsMemory(0, cut))).Message, StringComparison.Ordinal);
        }
        Assert.Contains("not readable by this build", Assert.Throws<InvalidDataException>(() => SessionSnapshotCodec.Decode(future)).Message, StringComparison.Ordinal);
    }
}
