using System.IO.Compression;
using System.Text;

namespace Journeys.Ingest.Datasets;

/// <summary>Opens dataset files, gzip or plain, and reads them line by line with 1-based line numbers for errors.</summary>
internal static class DatasetFile
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

    public static IEnumerable<(long LineNumber, string Line)> ReadLines(string path)
    {
        using var stream = Open(path);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        long lineNumber = 0;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"{path}: corrupt gzip data after line {lineNumber}: {ex.Message}", ex);
            }
            if (line is null)
            {
                yield break;
            }
            lineNumber++;
            yield return (lineNumber, line);
        }
    }

    public static InvalidDataException Error(string path, long lineNumber, string message) =>
        new($"{path}:{lineNumber}: {message}");
}
