using Journeys.Scoring.Model;
using TorchSharp;
using static Journeys.Scoring.Tests.TestModels;

namespace Journeys.Scoring.Tests.Batching;

/// <summary>
/// A session's step must not depend on which other sessions share its batch, to the bit: after a crash, events whose
/// decisions were already delivered are decided again from the restored state, and the repeat must be identical.
/// </summary>
public sealed class BatchInvarianceTests : IDisposable
{
    // Production-sized layers (hidden 64, embeddings 32) over a few thousand items, so the matrix kernels are the ones
    // the engine runs.
    private static readonly SessionModelDimensions Production = new();
    private readonly ScoringModel _model = SeededModel.Create(TestModels.Catalog(products: 3000), seed: 5, Production);

    public void Dispose() => _model.Dispose();

    [Theory]
    [InlineData(2, 1)]
    [InlineData(7, 3)]
    [InlineData(33, 32)]
    [InlineData(64, 40)]
    [InlineData(128, 127)]
    [InlineData(300, 150)]
    public void A_sessions_step_is_bitwise_the_same_alone_and_at_any_position_in_any_batch(int batch, int position)
    {
        var random = new Random(batch * 1000 + position);
        var hidden = _model.Info.HiddenSize;
        var target = Session(_model, random, 1)[0];
        var (h, c) = (RandomState(random, hidden), RandomState(random, hidden));

        var alone = Run(_model, [(target, h, c)]);
        var rows = new List<(StepFeatures, float[], float[])>();
        for (var i = 0; i < batch; i++)
        {
            rows.Add(i == position ? (target, h, c) : (Session(_model, random, 1)[0], RandomState(random, hidden), RandomState(random, hidden)));
        }
        var together = Run(_model, rows);

        Assert.Equal(alone.H[0], together.H[position]);
        Assert.Equal(alone.C[0], together.C[position]);
        Assert.Equal(alone.Heads[0], together.Heads[position]);
        Assert.Equal(alone.Top[0], together.Top[position]);
    }

    private static (float[][] H, float[][] C, float[][] Heads, long[][] Top) Run(ScoringModel model,
        IReadOnlyList<(StepFeatures Features, float[] H, float[] C)> rows)
    {
        var n = rows.Count;
        var hidden = model.Info.HiddenSize;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = torch.tensor(rows.SelectMany(r => Indices(r.Features)).ToArray(), n, 5);
        var h0 = torch.tensor(rows.SelectMany(r => r.H).ToArray(), n, hidden);
        var c0 = torch.tensor(rows.SelectMany(r => r.C).ToArray(), n, hidden);
        var output = model.Network.Step(x, h0, c0);
        var heads = torch.cat([output.StageProbabilities, output.Conversion.unsqueeze(1), output.Friction.unsqueeze(1)], 1);
        var (values, indices) = model.Network.TopNextItems(output.SessionEmbedding, 20);
        var top = indices.contiguous().data<long>().ToArray();
        var probabilities = ToArray(values);
        return (Split(ToArray(output.H), hidden), Split(ToArray(output.C), hidden),
            [.. Split(ToArray(heads), 7).Select((row, i) => row.Concat(probabilities.AsSpan(i * 20, 20).ToArray()).ToArray())],
            [.. Enumerable.Range(0, n).Select(i => top.AsSpan(i * 20, 20).ToArray())]);
    }

    private static float[][] Split(float[] flat, int width) => [.. flat.Chunk(width)];
}
