namespace Journeys.Lab.Export;

/// <summary>What <see cref="OnnxExport.Write"/> wrote, and the largest absolute difference ONNX Runtime's outputs showed
/// from the TorchSharp outputs in the test vectors.</summary>
public sealed record OnnxExportResult(
    string OnnxPath,
    long OnnxBytes,
    string VectorsPath,
    int VectorRows,
    double LargestDifference,
    string ModelVersion,
    string VocabularyChecksum,
    int Opset);
