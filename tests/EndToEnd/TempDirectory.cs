namespace Journeys.EndToEnd.Tests;

/// <summary>A fresh directory for one test class (a data or working directory), deleted with it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file a killed child process still held: left for the OS's temp cleaning, not a test failure.
        }
    }
}
