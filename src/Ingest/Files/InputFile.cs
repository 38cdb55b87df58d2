using System.IO.Compression;

namespace Journeys.Ingest.Files;

/// <summary>
/// Opens a file the engine or the lab is given to read (a product feed, a dataset), gzip or plain, with errors that name
/// the path. The product feed is read while serving, so this lives with the engine; the lab's dataset readers use it too.
/// </summary>
public static class InputFile
{
    /// <summary>Fails before any enumeration starts, so a typo in a path is reported where the CLI parses flags.</summary>
    public static void EnsureReadable(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new FileNotFoundException($"Dataset path '{path}' is a directory, not a file.", path);
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Dataset file '{path}' does not exist.", path);
        }
    }

    /// <summary>Gzip is recognised by its magic bytes (1f 8b), not the extension, so renamed files still read.</summary>
    public static Stream Open(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Dataset file '{path}' cannot be read: {ex.Message}", ex);
        }
        Span<byte> magic = stackalloc byte[2];
        var n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b
            ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false)
            : file;
    }
}
