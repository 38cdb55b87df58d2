using System.Text.Json;
using Journeys.Scoring.Model;
using Journeys.Scoring.Onnx;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;

namespace Journeys.Lab.Export;

/// <summary>
/// Test vectors of an exported step: inputs for a few rows and TorchSharp's outputs for them, written beside the ONNX
/// file as <c>{"inputs":{name:{"shape":[…],"data":[…]}},"outputs":{…}}</c> (row-major; features int64, the rest float32;
/// names as in the graph), so any runtime can check it computes what Journeys does.
/// </summary>
internal sealed class StepVectors
{
    private StepVectors(Dictionary<string, Vector> inputs, Dictionary<string, Vector> outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
    }

    public IReadOnlyDictionary<string, Vector> Inputs { get; }

    public IReadOnlyDictionary<string, Vector> Outputs { get; }

    /// <summary>
    /// <paramref name="rows"/> rows: row r is the step after 3·r seeded random events of its own session (row 0 a first
    /// event from the zero state), with TorchSharp's outputs for the batch.
    /// </summary>
    public static StepVectors FromTorch(ScoringModel model, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var d = model.Metadata.Dimensions;
        var random = new Random(seed);
        var features = new long[rows * 5];
        var h = new float[rows * d.HiddenSize];
        var c = new float[rows * d.HiddenSize];
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (var r = 0; r < rows; r++)
        {
            var state = (H: torch.zeros(1, d.HiddenSize), C: torch.zeros(1, d.HiddenSize));
            for (var t = 0; t < 3 * r; t++)
            {
                var step = model.Network.Step(torch.tensor(Features(random, d, t), 1, 5), state.H, state.C);
                state = (step.H, step.C);
            }
            Features(random, d, 3 * r).CopyTo(features, r * 5);
            state.H.data<float>().ToArray().CopyTo(h, r * d.HiddenSize);
            state.C.data<float>().ToArray().CopyTo(c, r * d.HiddenSize);
        }
        var o = model.Network.Step(torch.tensor(features, rows, 5), torch.tensor(h, rows, d.HiddenSize), torch.tensor(c, rows, d.HiddenSize));
        var inputs = new Dictionary<string, Vector>(StringComparer.Ordinal)
        {
            [StepGraph.Names.Features] = new([rows, 5], [.. features.Select(v => (double)v)]),
            [StepGraph.Names.H] = new([rows, d.HiddenSize], [.. h.Select(v => (double)v)]),
            [StepGraph.Names.C] = new([rows, d.HiddenSize], [.. c.Select(v => (double)v)]),
        };
        var outputs = new Dictionary<string, Vector>(StringComparer.Ordinal)
        {
            [StepGraph.Names.HNext] = Of(o.H),
            [StepGraph.Names.CNext] = Of(o.C),
            [StepGraph.Names.StageProbabilities] = Of(o.StageProbabilities),
            [StepGraph.Names.Conversion] = Of(o.Conversion),
            [StepGraph.Names.Friction] = Of(o.Friction),
            [StepGraph.Names.SessionEmbedding] = Of(o.SessionEmbedding),
        };
        return new StepVectors(inputs, outputs);
    }

    public void Write(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        Section(json, "inputs", Inputs, integers: StepGraph.Names.Features);
        Section(json, "outputs", Outputs, integers: null);
        json.WriteEndObject();
    }

    public static StepVectors Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        Dictionary<string, Vector> SectionOf(string name) =>
            document.RootElement.GetProperty(name).EnumerateObject().ToDictionary(
                p => p.Name,
                p => new Vector(
                    [.. p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64())],
                    [.. p.Value.GetProperty("data").EnumerateArray().Select(e => e.GetDouble())]),
                StringComparer.Ordinal);
        return new StepVectors(SectionOf("inputs"), SectionOf("outputs"));
    }

    /// <summary>
    /// Runs the ONNX file at <paramref name="onnxPath"/> in ONNX Runtime (a plain session on the CPU, nothing of the
    /// engine's) on these inputs: the largest absolute difference of any output from the expected one.
    /// </summary>
    public double LargestDifference(string onnxPath)
    {
        using var session = new InferenceSession(onnxPath);
        using var run = new RunOptions();
        var names = Inputs.Keys.ToArray();
        var values = names.Select(name => name == StepGraph.Names.Features
            ? OrtValue.CreateTensorValueFromMemory(Inputs[name].Data.Select(v => (long)v).ToArray(), Inputs[name].Shape)
            : OrtValue.CreateTensorValueFromMemory(Inputs[name].Data.Select(v => (float)v).ToArray(), Inputs[name].Shape)).ToArray();
        try
        {
            var outputNames = Outputs.Keys.ToArray();
            using var results = session.Run(run, names, values, outputNames);
            var largest = 0.0;
            for (var i = 0; i < outputNames.Length; i++)
            {
                var expected = Outputs[outputNames[i]];
                var shape = results[i].GetTensorTypeAndShape().Shape;
                if (!shape.SequenceEqual(expected.Shape))
                    throw new InvalidDataException($"output {outputNames[i]} has shape [{string.Join(',', shape)}]; the vectors say [{string.Join(',', expected.Shape)}]");
                var actual = results[i].GetTensorDataAsSpan<float>();
                for (var k = 0; k < actual.Length; k++) largest = Math.Max(largest, Math.Abs(actual[k] - expected.Data[k]));
            }
            return largest;
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    private static long[] Features(Random random, SessionModelDimensions d, int position) =>
    [
        random.Next(1, SessionModelDimensions.TypeCount),
        random.Next(1, d.ItemCount),
        random.Next(0, d.CategoryCount),
        random.Next(0, d.PriceBucketCount),
        position == 0 ? 0 : random.Next(1, d.GapBucketCount),
    ];

    private static Vector Of(torch.Tensor t)
    {
        using var cpu = t.contiguous().cpu();
        return new Vector(cpu.shape, [.. cpu.data<float>().ToArray().Select(v => (double)v)]);
    }

    private static void Section(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, Vector> vectors, string? integers)
    {
        json.WriteStartObject(name);
        foreach (var (key, vector) in vectors)
        {
            json.WriteStartObject(key);
            json.WriteStartArray("shape");
            foreach (var size in vector.Shape) json.WriteNumberValue(size);
            json.WriteEndArray();
            json.WriteStartArray("data");
            foreach (var value in vector.Data)
            {
                if (key == integers) json.WriteNumberValue((long)value);
                else json.WriteNumberValue((float)value);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>A tensor's shape and its values in row-major order.</summary>
    internal sealed record Vector(long[] Shape, double[] Data);
}
