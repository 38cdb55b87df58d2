using System.Text;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.ProductFeed;
using Journeys.Scoring.Batching;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;
using Journeys.SessionActors.Tests.State;

namespace Journeys.Fuzz;

/// <summary>
/// The hand-made start of each corpus: the documented examples, one valid input per shape the decoder knows, and
/// inputs refused for each reason, so afl-fuzz starts next to every branch instead of having to guess the format.
/// Snapshots come from the real encoder (and formats 1 and 2 as earlier builds wrote them), never written by hand.
/// </summary>
internal static class SeedCorpus
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    // The played session's first and last event, as formats 1 and 2 kept seen events (ids, not hashes).
    private static readonly string[] SeenEvents = ["s-1-e1", "s-1-e8"];

    /// <summary>Every seed of every target.</summary>
    public static IEnumerable<(string Target, string Name, byte[] Bytes)> All() =>
        ClickSeeds().Select(s => ("click", s.Name, Encoding.UTF8.GetBytes(s.Json)))
            .Concat(ProductFeedSeeds().Select(s => ("catalog", s.Name, Encoding.UTF8.GetBytes(s.Json))))
            .Concat(SnapshotSeeds().Select(s => ("snapshot", s.Name, s.Bytes)));

    public static void Write(string directory)
    {
        foreach (var (target, name, bytes) in All())
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory, target)).FullName;
            File.WriteAllBytes(Path.Combine(folder, "seed-" + name), bytes);
        }
    }

    private static IEnumerable<(string Name, string Json)> ClickSeeds()
    {
        yield return ("documented-example.json", """{"eventId":"e-1","sessionId":"s-1","userId":"u-1","timestamp":"2026-11-22T10:00:00.123Z","type":"product_view","productId":"p-42","categoryId":"c-7","price":19.99,"quantity":1,"query":"rain boots","channel":"web"}""");
        yield return ("page-view-epoch-ms.json", """{"eventId":"e-2","sessionId":"s-1","timestamp":1763805600123,"type":"page_view"}""");
        yield return ("search-offset.json", """{"eventId":"e-3","sessionId":"s-1","timestamp":"2026-11-22T11:00:00.123+01:00","type":"search","query":"rain boots"}""");
        yield return ("add-to-cart.json", """{"eventId":"e-4","sessionId":"s-1","timestamp":"2026-11-22T10:00:05Z","type":"add_to_cart","productId":"p-42","quantity":2,"price":19.99}""");
        yield return ("remove-from-cart.json", """{"eventId":"e-5","sessionId":"s-1","timestamp":"2026-11-22T10:00:06-05:00","type":"remove_from_cart","productId":"p-42"}""");
        yield return ("checkout-start.json", """{"eventId":"e-6","sessionId":"s-1","userId":null,"timestamp":1763805607000,"type":"checkout_start","channel":"app"}""");
        yield return ("purchase.json", """{"eventId":"e-7","sessionId":"s-1","timestamp":"2026-11-22T10:00:08.1234567Z","type":"purchase","productId":"p-42","quantity":1,"price":0}""");
        yield return ("escaped-names-and-values.json", """{"event\u0049d":"e\u002d1","sessionId":"s\u00e9","timestamp":1,"type":"p\u0061ge_view","query":"\ud83d\ude00 \"q\"\n"}""");
        yield return ("unknown-nested-fields.json", """{"eventId":"e","extra":{"a":[1,2,{"b":null}],"c":-1.5e3},"sessionId":"s","timestamp":1,"type":"page_view","x":true,"y":false}""");
        yield return ("whitespace.json", " \r\n\t{ \"eventId\" : \"e\" , \"sessionId\" : \"s\" , \"timestamp\" : 1 , \"type\" : \"page_view\" } \n");
        yield return ("not-json.txt", "not json");
        yield return ("array.json", "[1,2]");
        yield return ("truncated.json", """{"eventId":"e","sessionId":"s",""");
        yield return ("trailing-data.json", """{"eventId":"e","sessionId":"s","timestamp":1,"type":"page_view"} {}""");
        yield return ("missing-product.json", """{"eventId":"e","sessionId":"s","timestamp":1,"type":"purchase"}""");
        yield return ("missing-query.json", """{"eventId":"e","sessionId":"s","timestamp":1,"type":"search"}""");
        yield return ("unknown-type.json", """{"eventId":"e","sessionId":"s","timestamp":1,"type":"teleport"}""");
        yield return ("bad-values.json", """{"eventId":42,"sessionId":" ","timestamp":-5,"type":7,"price":1e400,"quantity":1.5}""");
        yield return ("timestamp-without-offset.json", """{"eventId":"e","sessionId":"s","timestamp":"2026-11-22T10:00:00","type":"page_view"}""");
        yield return ("id-too-long.json", $$"""{"eventId":"e","sessionId":"{{new string('x', ClickEventCodec.MaxIdLength + 1)}}","timestamp":1,"type":"page_view"}""");
        yield return ("deep-nesting.json", """{"eventId":"e","x":""" + new string('[', 20) + new string(']', 20) + "}");
    }

    private static IEnumerable<(string Name, string Json)> ProductFeedSeeds()
    {
        yield return ("documented-example.json", """{"productId":"p-42","categoryId":"c-7","listPrice":19.99,"cost":11.5,"stock":140}""");
        yield return ("product-only.json", """{"productId":"p-1"}""");
        yield return ("unknowns-null.json", """{"productId":"p-2","categoryId":null,"listPrice":null,"cost":null,"stock":null,"extra":[{"a":1}]}""");
        yield return ("escaped.json", """{"product\u0049d":"p\u00e9-\ud83d\ude00","listPrice":1e2,"cost":0,"stock":0}""");
        yield return ("encoded.json", Encoding.UTF8.GetString(ProductFeedItemCodec.Encode(new ProductFeedItem("p-3", "c-1", 5.25, 2.5, 7))));
        yield return ("missing-product.json", """{"listPrice":3}""");
        yield return ("blank-product.json", """{"productId":"  "}""");
        yield return ("bad-values.json", """{"productId":"p","listPrice":0,"cost":-0.5,"stock":-3}""");
        yield return ("fractional-stock.json", """{"productId":"p","stock":1.5}""");
        yield return ("wrong-types.json", """{"productId":5,"listPrice":"9.99","stock":true}""");
        yield return ("null.json", "null");
        yield return ("not-json.txt", "not json");
        yield return ("truncated.json", """{"productId":"p","listPr""");
    }

    private static IEnumerable<(string Name, byte[] Bytes)> SnapshotSeeds()
    {
        var (played, pending) = PlayedSession();
        var v3 = SessionSnapshotCodec.Encode(played, "model-v1", partition: 3, offset: 41, pending);
        yield return ("v3-played-with-pending.bin", v3);
        yield return ("v3-played.bin", SessionSnapshotCodec.Encode(played, "model-v1", 0, 1, []));
        var arena = new StateArena(2);
        yield return ("v3-new-session.bin", SessionSnapshotCodec.Encode(new SessionState("s-0", arena, arena.Rent(), new SessionOptions()), "m", 0, 0, []));
        var snapshot = played.ToSnapshot("model-v1", 2, 7, pending);
        yield return ("v2-played.bin", LegacySnapshotFormat.Encode(snapshot, SeenEvents, version: 2));
        yield return ("v1-played.bin", LegacySnapshotFormat.Encode(snapshot, SeenEvents, version: 1));
        yield return ("truncated.bin", v3[..(v3.Length / 2)]);
        var future = (byte[])v3.Clone();
        future[2] = SessionSnapshotCodec.FormatVersion + 1;
        yield return ("future-version.bin", future);
        yield return ("not-a-snapshot.bin", "{}"u8.ToArray());
    }

    /// <summary>A session that went through every kind of event, as the session actor leaves it.</summary>
    private static (SessionState State, PendingDecision[] Pending) PlayedSession()
    {
        var arena = new StateArena(4);
        var slot = arena.Rent();
        var state = new SessionState("s-1", arena, slot, new SessionOptions { DedupeWindow = 8, RecentItems = 3 });
        ClickType[] script = [ClickType.PageView, ClickType.ProductView, ClickType.AddToCart, ClickType.Search,
            ClickType.RemoveFromCart, ClickType.AddToCart, ClickType.CheckoutStart, ClickType.Purchase];
        for (var n = 1; n <= script.Length; n++)
        {
            float[] row = [n, 0.5f, -1e-7f, float.Epsilon, n * 2f, 0, float.NaN, 1];
            // As the batcher does: the step writes h then c into the session's row, then the session applies the event.
            row.CopyTo(arena.Row(slot));
            var type = script[n - 1];
            var product = type is ClickType.PageView or ClickType.Search or ClickType.CheckoutStart ? null : $"p-{n % 3}";
            state.Apply(new ClickEvent($"s-1-e{n}", "s-1", "u-1", T0.AddSeconds(n), type, product,
                Query: type == ClickType.Search ? "boots" : null, Quantity: type == ClickType.AddToCart ? 2 : null));
        }
        state.RememberOffer(new ShownOffer("p-1", 19.99, T0.AddMinutes(1)));
        state.RememberOffer(new ShownOffer("p-2", 5.5, T0.AddMinutes(2)));
        var decided = new Decision("s-1-e8", "s-1", 8, JourneyStage.Loyalty, new StageProbabilities(0.1, 0.1, 0.1, 0.2, 0.5),
            0.25, 0.5, [new Recommendation("p-2", 0.4, "model")], new PriceOffer("p-2", 5.5, 5.25, 1.5, 0.2, "none", "demo"),
            "model-v1", T0, T0.AddMilliseconds(2), 1.8, "1@2026-11-22T10:00:00Z", null);
        return (state, [new PendingDecision("s-1-e8", 41, decided)]);
    }
}
