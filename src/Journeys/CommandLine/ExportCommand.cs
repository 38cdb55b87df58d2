using System.CommandLine;
using Journeys.Scoring.Model;
using Journeys.Lab.Export;
using TorchSharp;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys export --model M.jrnm --out F.onnx</c>: the model's step function as ONNX (for ONNX Runtime elsewhere,
/// Triton, or another language), test vectors beside it, and a check of the file in ONNX Runtime against them.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The largest difference from TorchSharp's outputs an export may show in ONNX Runtime.</summary>
    public const double Tolerance = 1e-4;

    public static Command Create()
    {
        var model = new Option<FileInfo>("--model")
        {
            Description = "Model file (.jrnm) written by journeys train",
            Required = true,
            Validators = { r => { if (r.GetValueOrDefault<FileInfo>() is { Exists: false } f) r.AddError($"--model '{f.FullName}' does not exist"); } },
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "ONNX file to write; test vectors go to the same path + .vectors.json",
            Required = true,
            Validators = { r => { if (r.GetValueOrDefault<FileInfo>() is { Extension: not ".onnx" } f) r.AddError($"--out '{f.Name}' must end in .onnx"); } },
        };
        var command = new Command("export", "Export a model's step (features, h, c in; next h, c, stage, conversion, friction, session embedding out) to ONNX, with test vectors.")
        {
            model, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ScoringModel loaded;
            try
            {
                loaded = SessionModelFile.Load(parse.GetValue(model)!.FullName, torch.CPU);
            }
            catch (ModelFileException e)
            {
                await Console.Error.WriteLineAsync($"journeys export: {e.Message}");
                return 2;
            }
            using (loaded)
            {
                var result = OnnxExport.Write(loaded, parse.GetValue(output)!.FullName);
                Console.WriteLine($"wrote {result.OnnxPath} ({result.OnnxBytes:N0} bytes, opset {result.Opset}, dynamic batch): model {result.ModelVersion}, vocabularies {result.VocabularyChecksum}");
                Console.WriteLine($"wrote {result.VectorsPath} ({result.VectorRows} rows of inputs with TorchSharp's outputs)");
                var verdict = result.LargestDifference <= Tolerance ? "ok" : "FAILED";
                Console.WriteLine($"checked in ONNX Runtime: largest difference from TorchSharp {result.LargestDifference:E2} (tolerance {Tolerance:E0}): {verdict}");
                return result.LargestDifference <= Tolerance ? 0 : 1;
            }
        });
        return command;
    }
}
