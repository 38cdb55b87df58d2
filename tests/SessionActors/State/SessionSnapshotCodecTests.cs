using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Scoring.Batching;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;

namespace Journeys.SessionActors.Tests.State;

public sealed class SessionSnapshotCodecTests
{
    private static readonly StateArena Arena = new(4);

    private static SessionState Played()
    {
        var arena = new StateArena(4);
        var slot = arena.Rent();
        var state = new SessionState("s-1", arena, slot, new SessionOptions { DedupeWindow = 8, RecentItems = 3 });
        var script = new[] { ClickType.ProductView, ClickType.AddToCart, ClickType.ProductView, ClickType.AddToCart, ClickType.Purchase, ClickType.Search };
        for (var n = 1; n <= script.Length; n++)
        {
            // As the batcher does: the step writes the new state into the session's row, then the session applies the event.
            float[] h = [n, 0.5f, -1e-7f, float.Epsilon];
            float[] c = [n * 2f, 0, 0, 1];
            h.CopyTo(arena.H(slot));
            c.CopyTo(arena.C(slot));
            state.Apply(Events.Click("s-1", n, script[n - 1], product: $"p-{n % 4}"));
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

        var bytes = SessionSnapshotCodec.Encode(original, "model-v1", partition: 3, offset: 41, [pending]);
        var snapshot = SessionSnapshotCodec.Decode(bytes);
        var arena = new StateArena(4);
        var restored = SessionState.Restore(snapshot, "model-v1", arena, arena.Rent(), new SessionOptions { DedupeWindow = 8, RecentItems = 3 });

        Assert.Equal((3, 41L), (snapshot.Partition, snapshot.Offset));
        Assert.Equal(original.H, restored.H);
        Assert.Equal(original.C, restored.C);
        Assert.Equal(original.Sequence, restored.Sequence);
        Assert.Equal(original.LastTimestamp, restored.LastTimestamp);
        Assert.Equal(original.Stage, restored.Stage);
        Assert.Equal(original.Journey.TypeCounts, restored.Journey.TypeCounts);
        Assert.Equal(original.Journey.Cart, restored.Journey.Cart);
        Assert.Equal(original.RecentItems(), restored.RecentItems());
        Assert.Equal(original.SeenEventHashes(), restored.SeenEventHashes());
        Assert.True(restored.HasSeen("s-1-e3"));
        Assert.True(restored.HasSeen("s-1-e1"));
        var back = Assert.Single(snapshot.Pending);
        Assert.Equal(("s-1-e6", 41L), (back.EventId, back.Offset));
        Assert.Equal(Json(decided), Json(back.Decision!));
    }

    private static string Json(Decision d) =>
        System.Text.Json.JsonSerializer.Serialize(d, Journeys.Contracts.Json.JourneysJsonContext.Default.Decision);

    [Fact]
    public void A_decision_delivered_before_the_snapshot_is_written_is_not_stored()
    {
        var state = Played();
        var decided = new Decision("s-1-e6", "s-1", 6, JourneyStage.Loyalty, new StageProbabilities(0.1, 0.1, 0.1, 0.2, 0.5),
            0.25, 0.5, [], null, "model-v1", DateTimeOffset.UnixEpoch, default, 0);
        var delivered = new PendingDecision("s-1-e5", 40, decided with { EventId = "s-1-e5" });
        var undelivered = new PendingDecision("s-1-e6", 41, decided);
        var core = SessionSnapshotCodec.EncodeCore(state, "model-v1", partition: 3, offset: 41);

        delivered.MarkDelivered();
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        SessionSnapshotCodec.Complete(core, [delivered, undelivered], output);
        var snapshot = SessionSnapshotCodec.Decode(output.WrittenMemory);

        Assert.Equal("s-1-e6", Assert.Single(snapshot.Pending).EventId);
        Assert.Null(delivered.UndeliveredJson);
        Assert.Null(delivered.Decision);
    }

    [Fact]
    public void A_snapshot_of_another_model_keeps_the_journey_but_not_the_hidden_state()
    {
        var snapshot = SessionSnapshotCodec.Decode(SessionSnapshotCodec.Encode(Played(), "model-v1", 0, 1, []));

        var restored = SessionState.Restore(snapshot, "model-v2", Arena, Arena.Rent(), new SessionOptions());

        Assert.All(restored.H, v => Assert.Equal(0f, v));
        Assert.Equal(6, restored.Sequence);
        Assert.Equal(JourneyStage.Loyalty, restored.Stage);
    }

    [Fact]
    public void Purchased_items_and_shown_prices_survive_a_snapshot()
    {
        var original = Played();
        var shownAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        original.RememberOffer(new ShownOffer("p-1", 19.99, shownAt));
        original.RememberOffer(new ShownOffer("p-3", 5.5, shownAt.AddMinutes(1)));

        var snapshot = SessionSnapshotCodec.Decode(SessionSnapshotCodec.Encode(original, "m", 0, 1, []));
        var restored = SessionState.Restore(snapshot, "m", Arena, Arena.Rent(), new SessionOptions());

        Assert.Equal(["p-1"], restored.PurchasedItems);
        Assert.Equal(new ShownOffer("p-1", 19.99, shownAt), restored.OfferFor("p-1"));
        Assert.Equal(new ShownOffer("p-3", 5.5, shownAt.AddMinutes(1)), restored.OfferFor("p-3"));
        Assert.Null(restored.OfferFor("p-2"));
    }

    [Fact]
    public void Format_1_and_2_snapshots_written_by_earlier_builds_still_restore()
    {
        var original = Played();
        var decided = new Decision("s-1-e6", "s-1", 6, JourneyStage.Loyalty, new StageProbabilities(0.1, 0.1, 0.1, 0.2, 0.5),
            0.25, 0.5, [new Recommendation("p-2", 0.4, "model")], null, "model-v1", DateTimeOffset.UnixEpoch, default, 0);
        var snapshot = original.ToSnapshot("m", 2, 7, [new PendingDecision("s-1-e6", 7, decided)]);
        var v2 = LegacySnapshotFormat.Encode(snapshot, ["s-1-e1", "s-1-e6"], version: 2);
        var v1 = LegacySnapshotFormat.Encode(snapshot, ["s-1-e1", "s-1-e6"], version: 1);

        var (two, one) = (SessionSnapshotCodec.Decode(v2), SessionSnapshotCodec.Decode(v1));

        Assert.Equal((2, 7L, 6), (two.Partition, two.Offset, two.Sequence));
        Assert.Equal(["p-1"], two.PurchasedItems);
        Assert.Equal([SessionState.HashEventId("s-1-e1"), SessionState.HashEventId("s-1-e6")], two.SeenEventHashes);
        Assert.Equal("s-1-e6", Assert.Single(two.Pending).EventId);
        Assert.Equal(Json(decided), Json(two.Pending[0].Decision!));
        Assert.Equal((2, 7L, 6), (one.Partition, one.Offset, one.Sequence));
        Assert.Empty(one.PurchasedItems);
        Assert.Empty(one.Offers);
    }

    [Fact]
    public void A_session_remembers_at_most_MaxOffers_prices_forgetting_the_oldest()
    {
        var arena = new StateArena(4);
        var state = new SessionState("s", arena, arena.Rent(), new SessionOptions { MaxOffers = 2 });
        var t = DateTimeOffset.UnixEpoch;

        state.RememberOffer(new ShownOffer("a", 1, t));
        state.RememberOffer(new ShownOffer("b", 2, t.AddSeconds(1)));
        state.RememberOffer(new ShownOffer("c", 3, t.AddSeconds(2)));

        Assert.Null(state.OfferFor("a"));
        Assert.NotNull(state.OfferFor("b"));
        Assert.NotNull(state.OfferFor("c"));
    }

    [Fact]
    public void Foreign_truncated_or_future_bytes_are_refused_with_a_reason()
    {
        var bytes = SessionSnapshotCodec.Encode(Played(), "m", 0, 1, []);
        var future = (byte[])bytes.Clone();
        future[2] = SessionSnapshotCodec.FormatVersion + 1;

        Assert.Contains("not a Journeys", Assert.Throws<InvalidDataException>(() => SessionSnapshotCodec.Decode("{}"u8.ToArray())).Message, StringComparison.Ordinal);
        for (var cut = 3; cut < bytes.Length; cut += 7)
        {
            Assert.Contains("snapshot", Assert.Throws<InvalidDataException>(() => SessionSnapshotCodec.Decode(bytes.AsMemory(0, cut))).Message, StringComparison.Ordinal);
        }
        Assert.Contains("not readable by this build", Assert.Throws<InvalidDataException>(() => SessionSnapshotCodec.Decode(future)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "malformed length")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "malformed length")]
    public void A_session_id_length_that_is_no_7_bit_integer_or_negative_is_refused_with_a_reason(byte[] length, string reason)
    {
        // Found by fuzzing: BinaryReader threw FormatException (over 5 bytes) and IOException (negative string length).
        byte[] bytes = [(byte)'J', (byte)'S', SessionSnapshotCodec.FormatVersion, .. length, .. "s-1"u8];

        Assert.Contains(reason, Assert.Throws<InvalidDataException>(() => SessionSnapshotCodec.Decode(bytes)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(long.MaxValue, 0)]
    [InlineData(-1L, 0)]
    [InlineData(0L, 15 * 60)]
    [InlineData(0L, -60)]
    public void A_last_timestamp_no_DateTimeOffset_can_hold_is_refused_with_a_reason(long utcTicks, short offsetMinutes)
    {
        // Found by fuzzing: DateTimeOffset threw ArgumentOutOfRangeException for ticks out of range, an offset over
        // 14 hours, and a local time (UTC + offset) before year 1.
        var bytes = SessionSnapshotCodec.Encode(Played(), "m", 0, 1, []);
        // "JS", version, "s-1" and "m" (length-prefixed), partition, offset, sequence, then the has-timestamp flag.
        var at = 3 + 4 + 2 + 4 + 8 + 4;
        Assert.Equal(1, bytes[at]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 1), utcTicks);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(at + 9), offsetMinutes);

        Assert.Contains("impossible time", Assert.Throws<InvalidDataException>(() => SessionSnapshotCodec.Decode(bytes)).Message, StringComparison.Ordinal);
    }
}
