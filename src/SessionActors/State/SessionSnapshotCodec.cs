using System.Text;
using System.Text.Json;
using Journeys.Contracts.Json;

namespace Journeys.SessionActors.State;

/// <summary>
/// The compact binary form of a <see cref="SessionSnapshot"/>: "JS", a format version byte, then the fields in a
/// fixed order (strings as length-prefixed UTF-8, floats little-endian, pending decisions as their wire JSON). A reader refuses versions it does not know
/// rather than guessing; a new field means a new version. Version 2 added purchased items and shown offers; version-1
/// snapshots (written before) still read, with both empty.
/// </summary>
public static class SessionSnapshotCodec
{
    public const byte FormatVersion = 2;
    private const byte Magic0 = (byte)'J';
    private const byte Magic1 = (byte)'S';

    public static byte[] Encode(SessionSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        using var buffer = new MemoryStream(1024 + (s.H.Length * 8) + (s.Pending.Count * 1024));
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic0);
            w.Write(Magic1);
            w.Write(FormatVersion);
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
            WriteFloats(w, s.H);
            WriteFloats(w, s.C);
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
            WriteStrings(w, s.RecentItems);
            WriteStrings(w, s.SeenEvents);
            // Encoded when written, a few ms after the session made it: decisions Kafka has confirmed since then need no
            // second sending after a crash, so they are left out.
            var pending = s.Pending.Where(p => !p.IsDelivered).ToList();
            w.Write7BitEncodedInt(pending.Count);
            foreach (var p in pending)
            {
                w.Write(p.EventId);
                w.Write(p.Offset);
                var json = JsonSerializer.SerializeToUtf8Bytes(p.Decision, JourneysJsonContext.Default.Decision);
                w.Write7BitEncodedInt(json.Length);
                w.Write(json);
            }
            WriteStrings(w, s.PurchasedItems);
            w.Write7BitEncodedInt(s.Offers.Count);
            foreach (var o in s.Offers)
            {
                w.Write(o.ProductId);
                w.Write(o.Price);
                w.Write(o.ShownAt.UtcTicks);
            }
        }
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">Not a snapshot, a version this build cannot read, or truncated.</exception>
    public static SessionSnapshot Decode(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            if (r.ReadByte() != Magic0 || r.ReadByte() != Magic1)
            {
                throw new InvalidDataException("not a Journeys session snapshot");
            }
            var version = r.ReadByte();
            if (version is < 1 or > FormatVersion)
            {
                throw new InvalidDataException($"session snapshot format {version} is not readable by this build (reads 1–{FormatVersion})");
            }
            var sessionId = r.ReadString();
            var modelVersion = r.ReadString();
            var partition = r.ReadInt32();
            var offset = r.ReadInt64();
            var sequence = r.ReadInt32();
            DateTimeOffset? last = null;
            if (r.ReadBoolean())
            {
                var ticks = r.ReadInt64();
                var minutes = r.ReadInt16();
                last = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(minutes));
            }
            var h = ReadFloats(r);
            var c = ReadFloats(r);
            var counts = new int[Count(r)];
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = r.Read7BitEncodedInt();
            }
            var purchased = r.ReadBoolean();
            var engagements = r.Read7BitEncodedInt();
            var cart = new List<KeyValuePair<string, int>>(Count(r));
            for (var i = cart.Capacity; i > 0; i--)
            {
                cart.Add(new(r.ReadString(), r.Read7BitEncodedInt()));
            }
            var recent = ReadStrings(r);
            var seen = ReadStrings(r);
            var pending = new List<PendingDecision>(Count(r));
            for (var i = pending.Capacity; i > 0; i--)
            {
                var eventId = r.ReadString();
                var eventOffset = r.ReadInt64();
                var decision = JsonSerializer.Deserialize(r.ReadBytes(Count(r)), JourneysJsonContext.Default.Decision)
                    ?? throw new InvalidDataException("session snapshot holds a null pending decision");
                pending.Add(new PendingDecision(eventId, eventOffset, decision));
            }
            var purchasedItems = version >= 2 ? ReadStrings(r) : [];
            var offers = new List<Sessions.ShownOffer>(version >= 2 ? Count(r) : 0);
            for (var i = offers.Capacity; i > 0; i--)
            {
                offers.Add(new Sessions.ShownOffer(r.ReadString(), r.ReadDouble(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero)));
            }
            return new SessionSnapshot(sessionId, modelVersion, partition, offset, sequence, last, h, c, counts, purchased,
                engagements, cart, recent, seen, pending, purchasedItems, offers);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("session snapshot is truncated", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"session snapshot holds a pending decision that is not a decision: {e.Message}", e);
        }
    }

    /// <summary>A count no larger than the bytes left: a corrupt length must not allocate gigabytes.</summary>
    private static int Count(BinaryReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new InvalidDataException($"session snapshot holds an impossible count {count}");
        }
        return count;
    }

    private static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write7BitEncodedInt(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static float[] ReadFloats(BinaryReader r)
    {
        var values = new float[Count(r)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadSingle();
        }
        return values;
    }

    private static void WriteStrings(BinaryWriter w, IReadOnlyList<string> values)
    {
        w.Write7BitEncodedInt(values.Count);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static List<string> ReadStrings(BinaryReader r)
    {
        var values = new List<string>(Count(r));
        for (var i = values.Capacity; i > 0; i--)
        {
            values.Add(r.ReadString());
        }
        return values;
    }
}
