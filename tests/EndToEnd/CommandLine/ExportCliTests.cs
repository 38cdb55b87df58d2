using System.Text.Json;
using Journeys.Engine.Hosting;
using Microsoft.ML.OnnxRuntime;

namespace Journeys.EndToEnd.Tests.CommandLine;

/// <summary>
/// <c>journeys export</c> as a user runs it on the bundled model: an ONNX file and its test vectors, checked here by a
/// plain ONNX Runtime session that knows nothing of Journeys (the file, the JSON, and nothing else).
/// </summary>
public sealed class ExportCliTests
{
    [Fact]
    public async Task The_exported_bundled_model_reproduces_its_own_test_vectors_in_onnx_runtime()
    {
        using var dir = new TempDirectory("journeys-export-");
        var onnx = Path.Combine(dir.Path, "rees46.onnx");
        var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(2), "export", "--model", BundledModels.ModelPath, "--out", onnx);
        Assert.True(code == 0, $"exit {code}: {stdout} {stderr}");
        Assert.Contains("checked in ONNX Runtime", stdout, StringComparison.Ordinal);

        using var session = new InferenceSession(onnx);
        Assert.Equal(["features", "h", "c"], session.InputNames);
        Assert.Equal(["h_next", "c_next", "stage_probabilities", "conversion", "friction", "session_embedding"], session.OutputNames);
        Assert.Equal(-1, session.InputMetadata["features"].Dimensions[0]);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.StartsWith("trained-rees46-", metadata["journeys.model_version"], StringComparison.Ordinal);
        Assert.StartsWith("sha256:", metadata["journeys.vocabulary_checksum"], StringComparison.Ordinal);
        Assert.Contains("features[:,1]=product", metadata["journeys.feature_layout"], StringComparison.Ordinal);

        using var vectors = JsonDocument.Parse(await File.ReadAllBytesAsync(onnx + ".vectors.json"));
        var inputs = vectors.RootElement.GetProperty("inputs");
        var values = session.InputNames.Select(name =>
        {
            var v = inputs.GetProperty(name);
            var shape = v.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var data = v.GetProperty("data").EnumerateArray();
            return name == "features"
                ? OrtValue.CreateTensorValueFromMemory(data.Select(e => e.GetInt64()).ToArray(), shape)
                : OrtValue.CreateTensorValueFromMemory(data.Select(e => e.GetSingle()).ToArray(), shape);
        }).ToArray();
        try
        {
            using var run = new RunOptions();
            using var results = session.Run(run, [.. session.InputNames], values, [.. session.OutputNames]);
            var largest = 0.0;
            for (var i = 0; i < results.Count; i++)
            {
                var expected = vectors.RootElement.GetProperty("outputs").GetProperty(session.OutputNames[i]);
                Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), results[i].GetTensorTypeAndShape().Shape);
                var want = expected.GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
                var got = results[i].GetTensorDataAsSpan<float>().ToArray();
                Assert.Equal(want.Length, got.Length);
                largest = Math.Max(largest, want.Zip(got, (w, g) => Math.Abs(w - g)).Max());
            }
            Assert.True(largest <= 1e-4, $"largest difference {largest}");
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    [Fact]
    public async Task Export_refuses_an_output_that_is_not_an_onnx_file()
    {
        var (code, _, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(1), "export", "--model", BundledModels.ModelPath, "--out", "model.bin");
        Assert.NotEqual(0, code);
        Assert.Contains("must end in .onnx", stderr, StringComparison.Ordinal);
    }
}
