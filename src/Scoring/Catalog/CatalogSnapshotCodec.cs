using System.Collections.Immutable;
using System.Text;

namespace Journeys.Scoring.Catalog;

/// <summary>
/// A <see cref="CatalogSnapshot"/> as bytes, to store under one Garnet key. Binary rather than JSON: product ids are
/// written once in a string table and referenced by index, which keeps a snapshot of 100,000 products with 40
/// relations each near 40 MB instead of several times that. Layout (little-endian, 7-bit encoded counts and indices):
/// magic "JCS1", version, as-of UTC ticks, strings, categories, relations, trends, global list, per-category lists.
/// </summary>
public static class CatalogSnapshotCodec
{
    private static readonly byte[] Magic = "JCS1"u8.ToArray();

    public static byte[] Encode(CatalogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        foreach (var (product, category) in snapshot.Categories) { Index(product); Index(category); }
        foreach (var (product, related) in snapshot.Relations)
        {
            Index(product);
            foreach (var r in related) Index(r.ProductId);
        }
        foreach (var product in snapshot.Trends.Keys) Index(product);
        foreach (var t in snapshot.GlobalTrending) Index(t.ProductId);
        foreach (var (category, list) in snapshot.TrendingByCategory)
        {
            Index(category);
            foreach (var t in list) Index(t.ProductId);
        }

        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(snapshot.Version);
            w.Write(snapshot.AsOf.UtcTicks);
            w.Write7BitEncodedInt(table.Count);
            foreach (var s in table) w.Write(s);
            w.Write7BitEncodedInt(snapshot.Categories.Count);
            foreach (var (product, category) in snapshot.Categories)
            {
                w.Write7BitEncodedInt(strings[product]);
                w.Write7BitEncodedInt(strings[category]);
            }
            w.Write7BitEncodedInt(snapshot.Relations.Count);
            foreach (var (product, related) in snapshot.Relations)
            {
                w.Write7BitEncodedInt(strings[product]);
                w.Write7BitEncodedInt(related.Count);
                foreach (var r in related)
                {
                    w.Write7BitEncodedInt(strings[r.ProductId]);
                    w.Write(r.Score);
                    w.Write((byte)((int)r.Kind | (r.IsSubstitute ? 0x80 : 0)));
                }
            }
            w.Write7BitEncodedInt(snapshot.Trends.Count);
            foreach (var (product, status) in snapshot.Trends)
            {
                w.Write7BitEncodedInt(strings[product]);
                w.Write((byte)status);
            }
            WriteList(w, snapshot.GlobalTrending, strings);
            w.Write7BitEncodedInt(snapshot.TrendingByCategory.Count);
            foreach (var (category, list) in snapshot.TrendingByCategory)
            {
                w.Write7BitEncodedInt(strings[category]);
                WriteList(w, list, strings);
            }
        }
        return stream.ToArray();

        void Index(string s)
        {
            if (strings.TryAdd(s, table.Count)) table.Add(s);
        }
    }

    /// <exception cref="InvalidDataException">The bytes are not a snapshot written by <see cref="Encode"/>.</exception>
    public static CatalogSnapshot Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length || !bytes[..Magic.Length].SequenceEqual(Magic))
            throw new InvalidDataException("Not a catalog snapshot (missing the JCS1 header): the key holds something else or an older format.");
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            r.ReadBytes(Magic.Length);
            var version = r.ReadInt64();
            var asOf = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var table = new string[Count(r)];
            for (var i = 0; i < table.Length; i++) table[i] = r.ReadString();
            var categories = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            for (var n = Count(r); n > 0; n--) categories.Add(table[Count(r)], table[Count(r)]);
            var relations = ImmutableDictionary.CreateBuilder<string, IReadOnlyList<RelatedItem>>(StringComparer.Ordinal);
            for (var n = Count(r); n > 0; n--)
            {
                var product = table[Count(r)];
                var related = new RelatedItem[Count(r)];
                for (var i = 0; i < related.Length; i++)
                {
                    var id = table[Count(r)];
                    var score = r.ReadSingle();
                    var flags = r.ReadByte();
                    var kind = (RelationKind)(flags & 0x7F);
                    if (!Enum.IsDefined(kind)) throw new InvalidDataException($"Unknown relation kind {flags & 0x7F} in a catalog snapshot.");
                    related[i] = new RelatedItem(id, score, kind, (flags & 0x80) != 0);
                }
                relations.Add(product, Array.AsReadOnly(related));
            }
            var trends = new Dictionary<string, TrendStatus>(StringComparer.Ordinal);
            for (var n = Count(r); n > 0; n--) trends.Add(table[Count(r)], Status(r.ReadByte()));
            var global = ReadList(r, table);
            var byCategory = new Dictionary<string, IReadOnlyList<TrendingItem>>(StringComparer.Ordinal);
            for (var n = Count(r); n > 0; n--) byCategory.Add(table[Count(r)], ReadList(r, table));
            if (stream.Position != stream.Length) throw new InvalidDataException("Trailing bytes after a catalog snapshot.");
            return new CatalogSnapshot(version, asOf, relations.ToImmutable(), trends, global, byCategory, categories.ToImmutable());
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"Corrupt catalog snapshot: {e.Message}", e);
        }
    }

    private static void WriteList(BinaryWriter w, IReadOnlyList<TrendingItem> list, Dictionary<string, int> strings)
    {
        w.Write7BitEncodedInt(list.Count);
        foreach (var t in list)
        {
            w.Write7BitEncodedInt(strings[t.ProductId]);
            w.Write(t.Score);
            w.Write(t.Momentum);
            w.Write((byte)t.Status);
            w.Write7BitEncodedInt(t.ShortWindowEvents);
        }
    }

    private static TrendingItem[] ReadList(BinaryReader r, string[] table)
    {
        var list = new TrendingItem[Count(r)];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = new TrendingItem(table[Count(r)], r.ReadSingle(), r.ReadSingle(), Status(r.ReadByte()), Count(r));
        }
        return list;
    }

    private static TrendStatus Status(byte value)
    {
        var status = (TrendStatus)value;
        return Enum.IsDefined(status) ? status : throw new InvalidDataException($"Unknown trend status {value} in a catalog snapshot.");
    }

    private static int Count(BinaryReader r)
    {
        var n = r.Read7BitEncodedInt();
        return n >= 0 ? n : throw new InvalidDataException("Negative count in a catalog snapshot.");
    }
}
