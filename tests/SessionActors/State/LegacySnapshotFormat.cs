using System.Text;
using System.Text.Json;
using Journeys.Contracts.Json;
using Journeys.SessionActors.State;

namespace Journeys.SessionActors.Tests.State;

/// <summary>
/// Snapshot formats 1 and 2 as earlier builds wrote them (event ids as strings, pending decisions before the purchased
/// items; format 1 without purchased items and offers), so the tests and the fuzz corpus can prove the current decoder
/// still reads them. One copy: the fuzz harness links this file.
/// </summary>
internal static class LegacySnapshotFormat
{
    public static byte[] Encode(SessionSnapshot s, IReadOnlyList<string> seenEvents, byte version)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write("JS"u8);
            w.Write(version);
            w.Write(s.SessionId);
            w.Write(s.ModelVersion);
            w.Write(s.Partition);
            w.Write(s.Offset);
            w.Write(s.Sequence);
            w.Write(s.LastTimestamp.HasValue);
            if (s.LastTimestamp is { } t)
            {
                w.Write(t.UtcTicks);
                w.Write((short)t.Offset.TotalMinutes);
            }
            foreach (var floats in new[] { s.H, s.C })
            {
                w.Write7BitEncodedInt(floats.Length);
                Array.ForEach(floats, w.Write);
            }
            w.Write7BitEncodedInt(s.TypeCounts.Count);
            foreach (var count in s.TypeCounts)
            {
                w.Write7BitEncodedInt(count);
            }
            w.Write(s.HasPurchased);
            w.Write7BitEncodedInt(s.EngagementsAfterPurchase);
            w.Write7BitEncodedInt(s.Cart.Count);
            foreach (var (product, quantity) in s.Cart)
            {
                w.Write(product);
                w.Write7BitEncodedInt(quantity);
            }
            foreach (var strings in new[] { s.RecentItems, seenEvents })
            {
                w.Write7BitEncodedInt(strings.Count);
                foreach (var value in strings)
                {
                    w.Write(value);
                }
            }
            w.Write7BitEncodedInt(s.Pending.Count);
            foreach (var p in s.Pending)
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(p.Decision!, JourneysJsonContext.Default.Decision);
                w.Write(p.EventId);
                w.Write(p.Offset);
                w.Write7BitEncodedInt(json.Length);
                w.Write(json);
            }
            if (version >= 2)
            {
                w.Write7BitEncodedInt(s.PurchasedItems.Count);
                foreach (var item in s.PurchasedItems)
                {
                    w.Write(item);
                }
                w.Write7BitEncodedInt(s.Offers.Count);
                foreach (var offer in s.Offers)
                {
                    w.Write(offer.ProductId);
                    w.Write(offer.Price);
                    w.Write(offer.ShownAt.UtcTicks);
                }
            }
        }
        return buffer.ToArray();
    }
}
