namespace Journeys.Scoring.Model;

/// <summary>A model file that is missing, truncated, corrupt or inconsistent. The message names the file and the problem.</summary>
public sealed class ModelFileException : Exception
{
    public ModelFileException()
    {
    }

    public ModelFileException(string message) : base(message)
    {
    }

    public ModelFileException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ModelFileException(string path, string problem, Exception? innerException = null)
        : base($"Model file '{path}': {problem}.", innerException)
    {
        Path = path;
    }

    public string? Path { get; }
}
