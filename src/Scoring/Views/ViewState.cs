using System.IO.Compression;
using System.Text;

namespace Journeys.Scoring.Views;

/// <summary>
/// The saved state of one view: which view, the offsets it covers per partition (<see cref="ViewPositions"/>), and the
/// model's own state, compressed. Layout: "JVS" and a format byte, the view's name, the positions, then the model's
/// bytes in a zlib stream. A view restores from it and goes on from those offsets.
/// </summary>
public sealed class ViewState
{
    private const byte Format = 1;
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

    /// <summary>The state of <paramref name="view"/> at <paramref name="positions"/>, the model written by <paramref name="writeModel"/>.</summary>
    public static byte[] Encode(string view, IReadOnlyDictionary<int, long> positions, Action<BinaryWriter> writeModel)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(writeModel);
        using var bytes = new MemoryStream();
        using (var header = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            header.Write(Magic);
            header.Write(Format);
            header.Write(view);
            header.Write7BitEncodedInt(positions.Count);
            foreach (var (partition, next) in positions.OrderBy(p => p.Key))
            {
                header.Write7BitEncodedInt(partition);
                header.Write(next);
            }
        }
        using (var zip = new ZLibStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        using (var body = new BinaryWriter(zip, Encoding.UTF8))
        {
            writeModel(body);
        }
        return bytes.ToArray();
    }

    /// <summary>Reads the header of a saved state of <paramref name="view"/>; the model's bytes are read through <see cref="Body"/>.</summary>
    /// <exception cref="InvalidDataException">Not a view state, another format, or another view's.</exception>
    public static ViewState Decode(byte[] bytes, string view)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var stream = new MemoryStream(bytes, writable: false);
        var header = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (bytes.Length < Magic.Length + 1 || !header.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("Not a Journeys view state");
            }
            var format = header.ReadByte();
            if (format != Format) throw new InvalidDataException($"View state format {format}; this engine reads format {Format}");
            var name = header.ReadString();
            if (!string.Equals(name, view, StringComparison.Ordinal)) throw new InvalidDataException($"The state of view '{name}', not of '{view}'");
            var count = header.ReadCount(1 << 16, "partitions");
            var positions = new Dictionary<int, long>(count);
            for (var i = 0; i < count; i++) positions[header.Read7BitEncodedInt()] = header.ReadInt64();
            return new ViewState(name, new ViewPositions(positions), new BinaryReader(new ZLibStream(stream, CompressionMode.Decompress), Encoding.UTF8));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("View state cut short", e);
        }
    }
}
