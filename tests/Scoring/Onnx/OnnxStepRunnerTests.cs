using System.Runtime.InteropServices;
using Journeys.Scoring.Model;
using Journeys.Scoring.Onnx;
using TorchSharp;
using Xunit.Abstractions;
using static Journeys.Scoring.Tests.TestModels;

namespace Journeys.Scoring.Tests.Onnx;

/// <summary>
/// ONNX Runtime running the exported step computes what TorchSharp computes: every output, step by step over whole
/// sessions with each backend carrying its own hidden state, for the bundled model and seeded ones.
/// </summary>
public sealed class OnnxStepRunnerTests(ITestOutputHelper output)
{
    /// <summary>The largest absolute difference accepted between the backends' outputs (floats of order 1).</summary>
    public const float Tolerance = 1e-4f;

    private const int Steps = 50;

    public static TheoryData<string, int> Models()
    {
        var data = new TheoryData<string, int>();
        foreach (var model in new[] { "bundled", "seeded", "seeded-normalized" })
        {
            foreach (var batch in new[] { 1, 7, 32, 128 }) data.Add(model, batch);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Onnx_runtime_matches_torchsharp_over_fifty_steps_with_its_own_hidden_state(string which, int batch)
    {
        using var model = Load(which);
        var d = model.Metadata.Dimensions;
        var hidden = d.HiddenSize;
        var padded = (batch + SessionModel.ScoringChunkRows - 1) / SessionModel.ScoringChunkRows * SessionModel.ScoringChunkRows;
        using var features = torch.zeros(padded, 5, torch.int64);
        using var h = torch.zeros(padded, hidden);
        using var c = torch.zeros(padded, hidden);
        using var runner = new OnnxStepRunner(model, features, h, c, SessionModel.ScoringChunkRows, threads: 1);
        var random = new Random(batch * 31 + which.Length);
        var sessions = Enumerable.Range(0, batch).Select(_ => Session(model, random, Steps)).ToArray();
        var torchH = new float[batch * hidden];
        var torchC = new float[batch * hidden];
        var largest = 0f;
        for (var t = 0; t < Steps; t++)
        {
            var x = sessions.SelectMany(s => Indices(s[t])).ToArray();
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var expected = model.Network.Step(torch.tensor(x, batch, 5), torch.tensor(torchH, batch, hidden), torch.tensor(torchC, batch, hidden));

            x.CopyTo(Longs(features));
            var actual = runner.Step(padded);

            largest = Math.Max(largest, Compare(expected, actual, batch, t));
            torchH = ToArray(expected.H);
            torchC = ToArray(expected.C);
            // ONNX Runtime's state goes back in as the next step's input, as the engine's arena rows do.
            ToArray(actual.H)[..(batch * hidden)].CopyTo(Floats(h));
            ToArray(actual.C)[..(batch * hidden)].CopyTo(Floats(c));
        }
        output.WriteLine($"{which}, batch {batch}: largest difference over {Steps} steps {largest:E2}");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(40, 33)]
    [InlineData(128, 127)]
    public void A_sessions_onnx_step_is_bitwise_the_same_alone_and_in_any_batch(int batch, int position)
    {
        using var model = SeededModel.Create(TestModels.Catalog(products: 3000), seed: 5, new SessionModelDimensions());
        var hidden = model.Info.HiddenSize;
        using var features = torch.zeros(128, 5, torch.int64);
        using var h = torch.zeros(128, hidden);
        using var c = torch.zeros(128, hidden);
        using var runner = new OnnxStepRunner(model, features, h, c, SessionModel.ScoringChunkRows, threads: 1);
        var random = new Random(batch + position);
        var rows = Enumerable.Range(0, batch).Select(_ => (Indices(Session(model, random, 2)[1]), RandomState(random, hidden), RandomState(random, hidden))).ToArray();

        float[][] Run(int at, (long[] X, float[] H, float[] C)[] batchRows)
        {
            features.zero_();
            h.zero_();
            c.zero_();
            for (var i = 0; i < batchRows.Length; i++)
            {
                batchRows[i].X.CopyTo(Longs(features)[(i * 5)..]);
                batchRows[i].H.CopyTo(Floats(h)[(i * hidden)..]);
                batchRows[i].C.CopyTo(Floats(c)[(i * hidden)..]);
            }
            var o = runner.Step((batchRows.Length + 31) / 32 * 32);
            return [Row(o.H, at), Row(o.C, at), Row(o.StageProbabilities, at), Row(o.SessionEmbedding, at), [Row(o.Conversion, at)[0], Row(o.Friction, at)[0]]];
        }

        var alone = Run(0, [rows[position]]);
        var together = Run(position, rows);
        for (var k = 0; k < alone.Length; k++) Assert.Equal(alone[k], together[k]);
    }

    [Fact]
    public void A_cuda_device_without_onnx_runtimes_cuda_provider_stops_with_what_to_do()
    {
        // This build's ONNX Runtime is the CPU package (or the GPU one without CUDA's libraries): no CUDA provider.
        var e = Assert.Throws<InvalidOperationException>(() => OnnxStepRunner.Options(new torch.Device(DeviceType.CUDA, 0), threads: 1));

        Assert.Contains("-p:JourneysOnnxRuntimeGpu=true", e.Message, StringComparison.Ordinal);
        Assert.Contains("Scoring:Backend to torch", e.Message, StringComparison.Ordinal);
    }

    private static float[] Row(torch.Tensor t, int row) => ToArray(t.shape.Length == 1 ? t.narrow(0, row, 1) : t.narrow(0, row, 1).flatten());

    private static Span<long> Longs(torch.Tensor t) => MemoryMarshal.Cast<byte, long>(t.bytes);

    private static Span<float> Floats(torch.Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);

    internal static ScoringModel Load(string which) => which switch
    {
        "bundled" => SessionModelFile.Load(BundledModelPath(), torch.CPU),
        "seeded" => SeededModel.Create(TestModels.Catalog(products: 3000), seed: 7, new SessionModelDimensions()),
        "seeded-normalized" => SeededModel.Create(TestModels.Catalog(products: 500), seed: 9, new SessionModelDimensions { NormalizedScale = 12 }),
        _ => throw new ArgumentOutOfRangeException(nameof(which), which, null),
    };

    /// <summary>The model trained on the bundled REES46 sample (data/models in the repository).</summary>
    internal static string BundledModelPath() => Repository.Data("models/rees46-demo.jrnm");

    private static float Compare(SessionModelOutput expected, SessionModelOutput actual, int rows, int step)
    {
        var largest = 0f;
        (string, torch.Tensor, torch.Tensor)[] pairs =
        [
            ("h", expected.H, actual.H), ("c", expected.C, actual.C), ("stages", expected.StageProbabilities, actual.StageProbabilities),
            ("conversion", expected.Conversion, actual.Conversion), ("friction", expected.Friction, actual.Friction),
            ("session embedding", expected.SessionEmbedding, actual.SessionEmbedding),
        ];
        foreach (var (name, e, a) in pairs)
        {
            var want = ToArray(e);
            var got = ToArray(a.narrow(0, 0, rows));
            Assert.Equal(want.Length, got.Length);
            for (var i = 0; i < want.Length; i++)
            {
                var difference = Math.Abs(want[i] - got[i]);
                Assert.True(difference <= Tolerance, $"step {step}, {name}[{i}]: torch {want[i]}, onnx {got[i]} (difference {difference:E2} > {Tolerance:E0})");
                largest = Math.Max(largest, difference);
            }
        }
        return largest;
    }
}
