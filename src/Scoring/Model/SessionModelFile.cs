using System.Text;
using System.Text.Json;
using TorchSharp;

namespace Journeys.Scoring.Model;

/// <summary>
/// The single-file model format:
/// <code>
/// "JRNYMODL"            8 bytes magic
/// int32  format version (2; 1 is read too)
/// int32  metadata length, then that many bytes of UTF-8 JSON (<see cref="ModelMetadata"/>)
/// int64  weights length, then that many bytes of TorchSharp state dict (Module.save)
/// since version 2, the recent sessions (<see cref="ScoringModel.RecentSessions"/>), to the end of the file:
/// int32  session count, then per session: int32 item count, then each product id as a BinaryWriter string
///        (7-bit encoded UTF-8 length, then the bytes)
/// </code>
/// Little-endian (BinaryWriter). Lengths are checked before anything is allocated from them. A version-1 file (no
/// sessions section) loads with no recent sessions.
/// </summary>
public static class SessionModelFile
{
    public const int FormatVersion = 2;

    /// <summary>The first format, without the recent sessions: still read.</summary>
    public const int FormatVersionWithoutSessions = 1;

    // Far above what the trainer attaches (SessionModelTrainer.NeighbourSeedSessions); a corrupt count fails cleanly.
    private const int MaxSessions = 10_000_000;
    private const int MaxSessionItems = 1_000_000;

    private static readonly byte[] Magic = "JRNYMODL"u8.ToArray();

    // Generous caps so a corrupt length fails cleanly instead of allocating gigabytes.
    private const int MaxMetadataBytes = 256 * 1024 * 1024;

    public static void Save(string path, ScoringModel model)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(model);
        var metadata = JsonSerializer.SerializeToUtf8Bytes(model.Metadata, ModelMetadataJsonContext.Default.ModelMetadata);
        byte[] weights;
        using (var buffer = new MemoryStream())
        {
            // Module.save closes the stream it writes to; MemoryStream.ToArray still works after that.
            model.Network.save(buffer);
            weights = buffer.ToArray();
        }

        // Write next to the target and rename, so a reader never sees a half-written model.
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = File.Create(temp))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: false))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(metadata.Length);
                writer.Write(metadata);
                writer.Write((long)weights.Length);
                writer.Write(weights);
                WriteSessions(writer, model.RecentSessions);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Loads a model onto <paramref name="device"/>; throws <see cref="ModelFileException"/> naming the file and the problem.</summary>
    public static ScoringModel Load(string path, torch.Device device)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(device);
        if (!File.Exists(path)) throw new ModelFileException(path, "the file does not exist (check Scoring:ModelPath)");

        byte[] metadataBytes;
        byte[] weights;
        string[][] sessions;
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: false);
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic)) throw new ModelFileException(path, "not a Journeys model file (bad magic bytes)");
            var format = reader.ReadInt32();
            if (format is not (FormatVersion or FormatVersionWithoutSessions))
                throw new ModelFileException(path, $"format version {format} is not supported (expected {FormatVersionWithoutSessions} or {FormatVersion})");
            var metadataLength = reader.ReadInt32();
            if (metadataLength <= 0 || metadataLength > MaxMetadataBytes || metadataLength > stream.Length - stream.Position)
                throw new ModelFileException(path, $"metadata length {metadataLength} is invalid for a file of {stream.Length} bytes (truncated or corrupt)");
            metadataBytes = reader.ReadBytes(metadataLength);
            var weightsLength = reader.ReadInt64();
            var rest = stream.Length - stream.Position;
            if (weightsLength <= 0 || (format == FormatVersionWithoutSessions ? weightsLength != rest : weightsLength > rest))
                throw new ModelFileException(path, $"weights length {weightsLength} does not match the {rest} bytes that follow (truncated or corrupt)");
            weights = reader.ReadBytes((int)weightsLength);
            sessions = format == FormatVersionWithoutSessions ? [] : ReadSessions(path, reader);
            if (stream.Position != stream.Length)
                throw new ModelFileException(path, $"{stream.Length - stream.Position} unexpected bytes after the last section (corrupt)");
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFileException(path, "the file is truncated", e);
        }
        catch (FormatException e)
        {
            // BinaryReader.ReadString on a corrupt length prefix.
            throw new ModelFileException(path, $"the recent sessions are corrupt: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ModelFileException(path, $"cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ModelFileException(path, $"cannot be read: {e.Message}", e);
        }

        ModelMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize(metadataBytes, ModelMetadataJsonContext.Default.ModelMetadata)
                ?? throw new ModelFileException(path, "the metadata is empty");
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, $"the metadata is not valid JSON: {e.Message}", e);
        }
        // Files written before the recently-viewed part carry none of its settings, and the source-generated reader sets
        // every init property, so their decay reads as 0: it takes the default, beside the λR of 0 (off) they mean.
        if (metadata.BlendWeights is { RecentlyViewed: 0, RecentlyViewedDecay: 0 } older)
        {
            metadata = metadata with { BlendWeights = older with { RecentlyViewedDecay = Recommendations.RelationBlendWeights.DefaultRecentlyViewedDecay } };
        }
        if (metadata.Inconsistency() is { } problem) throw new ModelFileException(path, $"inconsistent metadata: {problem}");

        SessionModel? network = null;
        try
        {
            network = new SessionModel(metadata.Dimensions);
            using (var weightStream = new MemoryStream(weights, writable: false))
            {
                network.load(weightStream, strict: true);
            }
            var model = new ScoringModel(network, metadata, device) { RecentSessions = sessions };
            network = null;
            return model;
        }
        catch (Exception e) when (e is not ModelFileException and not OutOfMemoryException)
        {
            // TorchSharp reports shape or name mismatches and corrupt tensors with various exception types.
            throw new ModelFileException(path, $"the weights do not load into a model of the stated dimensions: {e.Message}", e);
        }
        finally
        {
            network?.Dispose();
        }
    }

    private static void WriteSessions(BinaryWriter writer, IReadOnlyList<string[]> sessions)
    {
        writer.Write(sessions.Count);
        foreach (var session in sessions)
        {
            writer.Write(session.Length);
            foreach (var item in session) writer.Write(item);
        }
    }

    private static string[][] ReadSessions(string path, BinaryReader reader)
    {
        var stream = reader.BaseStream;
        var count = reader.ReadInt32();
        // Each session takes at least its 4-byte item count: a count beyond the bytes left is corrupt.
        if (count < 0 || count > MaxSessions || count > (stream.Length - stream.Position) / 4)
            throw new ModelFileException(path, $"recent-session count {count} is invalid for the {stream.Length - stream.Position} bytes that follow (truncated or corrupt)");
        var sessions = new string[count][];
        for (var s = 0; s < count; s++)
        {
            var length = reader.ReadInt32();
            // Each product id takes at least its 1-byte length.
            if (length < 0 || length > MaxSessionItems || length > stream.Length - stream.Position)
                throw new ModelFileException(path, $"recent session {s} claims {length} items (truncated or corrupt)");
            var items = new string[length];
            for (var i = 0; i < length; i++) items[i] = reader.ReadString();
            sessions[s] = items;
        }
        return sessions;
    }
}
