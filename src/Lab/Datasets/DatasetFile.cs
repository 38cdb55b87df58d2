using System.Text;
using Journeys.Ingest.Files;

namespace Journeys.Lab.Datasets;

/// <summary>Reads dataset files (gzip or plain, <see cref="InputFile"/>) line by line with 1-based line numbers for errors.</summary>
internal static class DatasetFile
{
    public static IEnumerable<(long LineNumber, string Line)> ReadLines(string path)
    {
        using var stream = InputFile.Open(path);
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
