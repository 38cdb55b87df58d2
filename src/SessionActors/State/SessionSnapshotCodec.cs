using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Journeys.Contracts.Json;
using Journeys.SessionActors.Sessions;

namespace Journeys.SessionActors.State;

/// <summary>
/// The compact binary form of a session snapshot: "JS", a format version byte, then the fields in a fixed order
/// (strings as length-prefixed UTF-8 as <see cref="BinaryWriter"/> writes them, numbers little-endian). A reader refuses
/// versions it does not know rather than guessing; a new field means a new version.
/// <list type="bullet">
/// <item>Version 3 (written now) keeps event ids as 64-bit hashes and puts the pending decisions last, as their wire
/// JSON: a session encodes the rest (<see cref="EncodeCore"/>) when it applies an event, and the writer appends the
/// decisions still undelivered when it writes (<see cref="Complete"/>) — a decision delivered in between is not stored.</item>
/// <item>Versions 1 and 2 (read only) kept event ids as strings (hashed on reading) and pending decisions before the
/// purchased items; version 1 had no purchased items or shown offers.</item>
/// </list>
/// </summary>
public static class SessionSnapshotCodec
{
    public const byte FormatVersion = 3;
    private const byte Magic0 = (byte)'J';
    private const byte Magic1 = (byte)'S';

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>
    /// Everything of <paramref name="state"/> but its pending decisions, after the event at
    /// <paramref name="partition"/>/<paramref name="offset"/>: a new array of exactly its length.
    /// </summary>
    public static byte[] EncodeCore(SessionState state, string modelVersion, int partition, long offset)
    {
        ArgumentNullException.ThrowIfNull(state);
        var w = Buffer();
        w.Byte(Magic0);
        w.Byte(Magic1);
        w.Byte(FormatVersion);
        w.String(state.SessionId);
        w.String(modelVersion);
        w.Int32(partition);
        w.Int64(offset);
        w.Int32(state.Sequence);
        w.Byte(state.LastTimestamp.HasValue ? (byte)1 : (byte)0);
        if (state.LastTimestamp is { } t)
        {
            w.Int64(t.UtcTicks);
            w.Int16((short)t.Offset.TotalMinutes);
        }
        var row = state.StateRow;
        var hidden = row.Length / 2;
        w.Floats(row[..hidden]);
        w.Floats(row[hidden..]);
        var journey = state.Journey;
        w.Count(journey.TypeCounts.Length);
        foreach (var count in journey.TypeCounts)
        {
            w.Count(count);
        }
        w.Byte(journey.HasPurchased ? (byte)1 : (byte)0);
        w.Count(journey.EngagementsAfterPurchase);
        w.Count(journey.Cart.Count);
        foreach (var (product, quantity) in journey.Cart)
        {
            w.String(product);
            w.Count(quantity);
        }
        var recent = state.RecentItems();
        w.Count(recent.Count);
        for (var i = 0; i < recent.Count; i++)
        {
            w.String(recent[i]);
        }
        w.Count(state.SeenCount);
        for (var i = 0; i < state.SeenCount; i++)
        {
            w.UInt64(state.SeenHashAt(i));
        }
        var purchased = state.PurchasedItems;
        w.Count(purchased.Count);
        for (var i = 0; i < purchased.Count; i++)
        {
            w.String(purchased[i]);
        }
        var offers = state.Offers;
        w.Count(offers.Count);
        for (var i = 0; i < offers.Count; i++)
        {
            w.String(offers[i].ProductId);
            w.Double(offers[i].Price);
            w.Int64(offers[i].ShownAt.UtcTicks);
        }
        return w.Written.ToArray();
    }

    /// <summary>
    /// The stored snapshot: <paramref name="core"/> followed by the decisions of <paramref name="pending"/> not yet
    /// delivered, written into <paramref name="output"/>.
    /// </summary>
    public static void Complete(ReadOnlySpan<byte> core, IReadOnlyList<PendingDecision> pending, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(core);
        var w = new SpanWriter(output);
        // Each JSON is read once: a delivery report may drop it at any moment (a dropped one was delivered).
        var jsons = new byte[]?[pending.Count];
        var present = 0;
        for (var i = 0; i < jsons.Length; i++)
        {
            jsons[i] = pending[i].UndeliveredJson;
            present += jsons[i] is null ? 0 : 1;
        }
        w.Count(present);
        for (var i = 0; i < jsons.Length; i++)
        {
            if (jsons[i] is not { } json)
            {
                continue;
            }
            w.String(pending[i].EventId);
            w.Int64(pending[i].Offset);
            w.Count(json.Length);
            w.Bytes(json);
        }
    }

    /// <summary>A whole snapshot (core and pending) as one new array: for tests and tools.</summary>
    public static byte[] Encode(SessionState state, string modelVersion, int partition, long offset, IReadOnlyList<PendingDecision> pending)
    {
        var output = new ArrayBufferWriter<byte>();
        Complete(EncodeCore(state, modelVersion, partition, offset), pending, output);
        return output.WrittenSpan.ToArray();
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
                last = Time(r.ReadInt64(), r.ReadInt16());
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
            List<ulong> seen;
            if (version >= 3)
            {
                seen = new List<ulong>(Count(r));
                for (var i = seen.Capacity; i > 0; i--)
                {
                    seen.Add(r.ReadUInt64());
                }
            }
            else
            {
                seen = [.. ReadStrings(r).Select(SessionState.HashEventId)];
            }
            var pending = version >= 3 ? [] : ReadPending(r);
            var purchasedItems = version >= 2 ? ReadStrings(r) : [];
            var offers = new List<ShownOffer>(version >= 2 ? Count(r) : 0);
            for (var i = offers.Capacity; i > 0; i--)
            {
                offers.Add(new ShownOffer(r.ReadString(), r.ReadDouble(), Time(r.ReadInt64(), 0)));
            }
            if (version >= 3)
            {
                pending = ReadPending(r);
            }
            return new SessionSnapshot(sessionId, modelVersion, partition, offset, sequence, last, h, c, counts, purchased,
                engagements, cart, recent, seen, pending, purchasedItems, offers);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("session snapshot is truncated", e);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            // BinaryReader's own checks of a length it reads (a 7-bit integer longer than 5 bytes, a negative string
            // length), found by fuzzing; the stream is in memory, so no other I/O can fail.
            throw new InvalidDataException($"session snapshot holds a malformed length: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"session snapshot holds a pending decision that is not a decision: {e.Message}", e);
        }
    }

    private static List<PendingDecision> ReadPending(BinaryReader r)
    {
        var pending = new List<PendingDecision>(Count(r));
        for (var i = pending.Capacity; i > 0; i--)
        {
            var eventId = r.ReadString();
            var eventOffset = r.ReadInt64();
            var json = r.ReadBytes(Count(r));
            // Checked now: a snapshot whose pending decision is not one would fail the session later, at its re-send.
            _ = JsonSerializer.Deserialize(json, JourneysJsonContext.Default.Decision)
                ?? throw new InvalidDataException("session snapshot holds a null pending decision");
            pending.Add(new PendingDecision(eventId, eventOffset, json));
        }
        return pending;
    }

    /// <summary>
    /// A time as written (UTC ticks, offset in minutes), refused when no DateTimeOffset can hold it — rather than
    /// letting its constructor throw ArgumentOutOfRangeException (found by fuzzing).
    /// </summary>
    private static DateTimeOffset Time(long utcTicks, short offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        // In this order, so the sum cannot overflow: the local time (UTC + offset) must be a DateTime too.
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks ||
            offset.Duration() > TimeSpan.FromHours(14) ||
            utcTicks + offset.Ticks < DateTime.MinValue.Ticks || utcTicks + offset.Ticks > DateTime.MaxValue.Ticks)
        {
            throw new InvalidDataException($"session snapshot holds an impossible time ({utcTicks} ticks, offset {offsetMinutes} minutes)");
        }
        return new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(offset);
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

    private static float[] ReadFloats(BinaryReader r)
    {
        var values = new float[Count(r)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadSingle();
        }
        return values;
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

    private static SpanWriter Buffer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        return new SpanWriter(buffer);
    }

    /// <summary>Writes the primitives of the format (as <see cref="BinaryWriter"/> does) into a buffer writer.</summary>
    private readonly struct SpanWriter(IBufferWriter<byte> output)
    {
        public ReadOnlySpan<byte> Written => ((ArrayBufferWriter<byte>)output).WrittenSpan;

        public void Byte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }

        public void Int16(short value)
        {
            BinaryPrimitives.WriteInt16LittleEndian(output.GetSpan(2), value);
            output.Advance(2);
        }

        public void Int32(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
            output.Advance(4);
        }

        public void Int64(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }

        public void UInt64(ulong value)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }

        public void Double(double value)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }

        public void Floats(ReadOnlySpan<float> values)
        {
            Count(values.Length);
            var span = output.GetSpan(values.Length * sizeof(float));
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[(i * sizeof(float))..], values[i]);
            }
            output.Advance(values.Length * sizeof(float));
        }

        /// <summary>A 7-bit encoded non-negative integer (BinaryWriter.Write7BitEncodedInt).</summary>
        public void Count(int value)
        {
            var span = output.GetSpan(5);
            var v = (uint)value;
            var n = 0;
            while (v >= 0x80)
            {
                span[n++] = (byte)(v | 0x80);
                v >>= 7;
            }
            span[n++] = (byte)v;
            output.Advance(n);
        }

        public void Bytes(ReadOnlySpan<byte> bytes) => output.Write(bytes);

        /// <summary>A string as BinaryWriter writes one: its UTF-8 length (7-bit encoded), then the bytes.</summary>
        public void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            Count(length);
            var span = output.GetSpan(length);
            Encoding.UTF8.GetBytes(value, span);
            output.Advance(length);
        }
    }
}
