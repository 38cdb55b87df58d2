using Journeys.Scoring.Model;
using Journeys.Scoring.Onnx;

namespace Journeys.Lab.Export;

/// <summary>
/// <c>journeys export</c>: writes a model's step as <c>F.onnx</c> (<see cref="StepGraph"/>: dynamic batch, opset 17,
/// the model's version, vocabularies' checksum and feature layout in its metadata) and <c>F.onnx.vectors.json</c>, test
/// vectors from TorchSharp, then runs the file in ONNX Runtime against them.
/// </summary>
public static class OnnxExport
{
    /// <summary>Rows in the test vectors: a first event from a zero state, and sessions some steps in.</summary>
    public const int VectorRows = 5;

    /// <summary>Writes both files (replacing them) and checks the graph against the vectors.</summary>
    public static OnnxExportResult Write(ScoringModel model, string onnxPath, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        var full = Path.GetFullPath(onnxPath);
        if (Path.GetDirectoryName(full) is { } directory) Directory.CreateDirectory(directory);
        var bytes = StepGraph.Build(model);
        File.WriteAllBytes(full, bytes);
        var vectorsPath = full + ".vectors.json";
        var vectors = StepVectors.FromTorch(model, VectorRows, seed);
        vectors.Write(vectorsPath);
        var difference = StepVectors.Read(vectorsPath).LargestDifference(full);
        return new OnnxExportResult(full, bytes.LongLength, vectorsPath, VectorRows, difference, model.Metadata.Version,
            StepGraph.VocabularyChecksum(model.Metadata), StepGraph.Opset);
    }
}
