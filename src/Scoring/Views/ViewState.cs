using System.IO.Compression;
using System.Text;

namespace Journeys.Scoring.Views;

/// <summary>
/// The saved state of one view: which view, the offsets it covers per partition (<see cref="ViewPositions"/>), and the
/// model's own state. Layout: "JVS" and a format byte, the view's name, the positions, a compression byte (0 none,
/// 1 zlib), then the model's bytes. A view restores from it and goes on from those offsets.
/// <para>
/// A view stage encodes its state uncompressed (<see cref="Encode"/>: the stage's thread only copies the model out), and
/// the writer compresses it on its own thread (<see cref="Compress"/>): at the catalog's default bounds the copy takes
/// under a second and the compression about half a second, where compressing while copying took several.
/// </para>
/// </summary>
public sealed class ViewState
{
    private const byte Format = 1;
    private const byte Uncompressed = 0;
    private const byte Zlib = 1;
    private static readonly byte[] Magic = "JVS"u8.ToArray();

    private ViewState(string view, ViewPositions positions, BinaryReader body)
    {
        View = view;
        Positions = positions;
        Body = body;
    }

    public string View { get; }

    public ViewPositions Positions { get; }

    /// <summary>The model's state, to be read once by its restore.</summary>
    public BinaryReader Body { get; }

    /// <summary>The state of <paramref name="view"/> at <paramref name="positions"/>, the model written by
    /// <paramref name="writeModel"/>, uncompressed.</summary>
    /// <param name="sizeHint">The expected size (e.g. the previous state's), so the buffer is not grown by doubling.</param>
    public static byte[] Encode(string view, IReadOnlyDictionary<int, long> positions, Action<BinaryWriter> writeModel, int sizeHint = 0)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(writeModel);
        using var bytes = new MemoryStream(Math.Max(256, sizeHint + (sizeHint / 16)));
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Format);
            writer.Write(view);
            writer.Write7BitEncodedInt(positions.Count);
            foreach (var (partition, next) in positions.OrderBy(p => p.Key))
            {
                writer.Write7BitEncodedInt(partition);
                writer.Write(next);
            }
            writer.Write(Uncompressed);
            writeModel(writer);
        }
        return bytes.ToArray();
    }

    /// <summary>The same state with the model's bytes zlib-compressed (a state already compressed comes back as it is).</summary>
    /// <exception cref="InvalidDataException">Not a view state.</exception>
    public static byte[] Compress(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (_, _, bodyAt, compression) = ReadHeader(state);
        if (compression == Zlib) return state;
        using var bytes = new MemoryStream(state.Length / 3);
        bytes.Write(state, 0, bodyAt - 1);
        bytes.WriteByte(Zlib);
        using (var zip = new ZLibStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(state, bodyAt, state.Length - bodyAt);
        }
        return bytes.ToArray();
    }

    /// <summary>Reads the header of a saved state of <paramref name="view"/>; the model's bytes are read through <see cref="Body"/>.</summary>
    /// <exception cref="InvalidDataException">Not a view state, another format, or another view's.</exception>
    public static ViewState Decode(byte[] bytes, string view)
    {
        var (name, positions, bodyAt, compression) = ReadHeader(bytes);
        if (!string.Equals(name, view, StringComparison.Ordinal)) throw new InvalidDataException($"The state of view '{name}', not of '{view}'");
        Stream body = new MemoryStream(bytes, bodyAt, bytes.Length - bodyAt, writable: false);
        if (compression == Zlib) body = new BufferedStream(new ZLibStream(body, CompressionMode.Decompress), 1 << 16);
        return new ViewState(name, new ViewPositions(positions), new BinaryReader(body, Encoding.UTF8));
    }

    /// <summary>The offsets a saved state covers, whichever view's it is (the header only; the model is not read).</summary>
    /// <exception cref="InvalidDataException">Not a view state, or another format.</exception>
    public static IReadOnlyDictionary<int, long> ReadPositions(byte[] bytes) => ReadHeader(bytes).Positions;

    private static (string View, Dictionary<int, long> Positions, int BodyAt, byte Compression) ReadHeader(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        using var header = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (bytes.Length < Magic.Length + 1 || !header.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("Not a Journeys view state");
            }
            var format = header.ReadByte();
            if (format != Format) throw new InvalidDataException($"View state format {format}; this engine reads format {Format}");
            var name = header.ReadString();
            var count = header.ReadCount(1 << 16, "partitions");
            var positions = new Dictionary<int, long>(count);
            for (var i = 0; i < count; i++) positions[header.Read7BitEncodedInt()] = header.ReadInt64();
            var compression = header.ReadByte();
            if (compression is not (Uncompressed or Zlib)) throw new InvalidDataException($"View state compression {compression} is unknown");
            return (name, positions, (int)stream.Position, compression);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("View state cut short", e);
        }
    }
}
