using Journeys.Scoring.Model;
using TorchSharp;
using static Journeys.Scoring.Tests.TestModels;

namespace Journeys.Scoring.Tests.Model;

public sealed class SessionModelTests : IDisposable
{
    private const float Tolerance = 1e-5f;
    private readonly string _directory = Directory.CreateTempSubdirectory("journeys-scoring-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Incremental_steps_match_full_sequence_forward()
    {
        using var model = Seeded();
        AssertIncrementalMatchesFull(model);
    }

    [Fact]
    public void Incremental_steps_match_full_sequence_forward_after_a_save_and_reload()
    {
        using var original = Seeded();
        var path = Path.Combine(_directory, "model.jmodel");
        SessionModelFile.Save(path, original);
        using var reloaded = SessionModelFile.Load(path, torch.CPU);

        AssertIncrementalMatchesFull(reloaded);
        foreach (var ((name, a), (_, b)) in original.Network.named_parameters().Zip(reloaded.Network.named_parameters()))
            Assert.True(a.allclose(b, rtol: 0, atol: 0), $"parameter {name} differs after reload");
    }

    [Fact]
    public void Normalized_embeddings_keep_steps_equal_to_the_full_sequence_and_scale_every_logit_to_at_most_sigma()
    {
        using var model = SeededModel.Create(TestModels.Catalog(40), 42, Tiny with { NormalizedScale = 16 });
        AssertIncrementalMatchesFull(model);

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var features = Session(model, new Random(4), 1)[0];
        var hidden = model.Metadata.Dimensions.HiddenSize;
        var step = model.Network.Step(torch.tensor(Indices(features), 1, 5), torch.zeros(1, hidden), torch.zeros(1, hidden));
        var logits = step.SessionEmbedding.mm(model.Network.ScoringTable.t());
        Assert.Equal(16, step.SessionEmbedding.norm().item<float>(), 3);
        Assert.True(logits.abs().max().item<float>() <= 16.001f);
    }

    [Fact]
    public void Dropout_changes_nothing_outside_training()
    {
        using var model = Seeded();
        AssertIncrementalMatchesFull(model);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var features = Session(model, new Random(5), 1)[0];
        var hidden = model.Metadata.Dimensions.HiddenSize;
        var before = model.Network.Step(torch.tensor(Indices(features), 1, 5), torch.zeros(1, hidden), torch.zeros(1, hidden)).SessionEmbedding;

        model.Network.TrainingDropout = 0.5;
        var after = model.Network.Step(torch.tensor(Indices(features), 1, 5), torch.zeros(1, hidden), torch.zeros(1, hidden)).SessionEmbedding;

        Assert.True(before.allclose(after, rtol: 0, atol: 0));
    }

    [Fact]
    public void A_batch_of_sessions_gives_the_same_outputs_as_each_session_alone()
    {
        using var model = Seeded();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var random = new Random(3);
        const int n = 6;
        var hidden = model.Metadata.Dimensions.HiddenSize;
        var features = Enumerable.Range(0, n).Select(_ => Session(model, random, 1)[0]).ToArray();
        var h = torch.randn(n, hidden, generator: new torch.Generator(9));
        var c = torch.randn(n, hidden, generator: new torch.Generator(10));

        var batched = model.Network.Step(torch.tensor(features.SelectMany(Indices).ToArray(), n, 5), h, c);
        var batchedItems = model.Network.NextItemProbabilities(batched.SessionEmbedding);
        for (var i = 0; i < n; i++)
        {
            var single = model.Network.Step(torch.tensor(Indices(features[i]), 1, 5), h[i..(i + 1)], c[i..(i + 1)]);
            AssertClose(single.H[0], batched.H[i]);
            AssertClose(single.C[0], batched.C[i]);
            AssertClose(single.StageProbabilities[0], batched.StageProbabilities[i]);
            AssertClose(single.Conversion[0], batched.Conversion[i]);
            AssertClose(single.Friction[0], batched.Friction[i]);
            AssertClose(model.Network.NextItemProbabilities(single.SessionEmbedding)[0], batchedItems[i]);
        }
    }

    [Fact]
    public void Heads_are_probabilities_and_the_out_of_vocabulary_item_gets_none()
    {
        using var model = Seeded();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var hidden = model.Metadata.Dimensions.HiddenSize;
        var output = model.Network.Step(torch.tensor(new long[] { 2, 3, 1, 4, 0 }, 1, 5), torch.zeros(1, hidden), torch.zeros(1, hidden));
        var items = ToArray(model.Network.NextItemProbabilities(output.SessionEmbedding));

        Assert.Equal(1f, ToArray(output.StageProbabilities).Sum(), 4);
        Assert.InRange(output.Conversion.item<float>(), 0f, 1f);
        Assert.InRange(output.Friction.item<float>(), 0f, 1f);
        Assert.Equal(0f, items[0]);
        Assert.Equal(1f, items.Sum(), 4);
    }

    [Fact]
    public void Chunked_top_items_match_the_full_softmax_top_items()
    {
        using var model = Seeded();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        // More rows than one scoring chunk, and not a multiple of it.
        var rows = (2 * SessionModel.ScoringChunkRows) + 5;
        var embedding = torch.randn(rows, model.Metadata.Dimensions.ItemEmbeddingSize, generator: new torch.Generator(4));

        var (probabilities, indices) = model.Network.TopNextItems(embedding, 5);
        var (expectedProbabilities, expectedIndices) = model.Network.NextItemProbabilities(embedding).topk(5, 1);

        AssertClose(expectedProbabilities, probabilities);
        Assert.True(expectedIndices.eq(indices).all().item<bool>());
        Assert.False(indices.eq(0).any().item<bool>());
    }

    private static void AssertIncrementalMatchesFull(ScoringModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var random = new Random(11);
        const int sessions = 3;
        const int length = 7;
        var hidden = model.Metadata.Dimensions.HiddenSize;
        var features = Enumerable.Range(0, sessions).Select(_ => Session(model, random, length)).ToArray();
        var sequence = torch.tensor(features.SelectMany(s => s.SelectMany(Indices)).ToArray(), sessions, length, 5);

        var full = model.Network.Forward(sequence);

        var h = torch.zeros(sessions, hidden);
        var c = torch.zeros(sessions, hidden);
        for (var t = 0; t < length; t++)
        {
            var step = model.Network.Step(sequence.select(1, t), h, c);
            AssertClose(step.H, full.H.select(1, t));
            AssertClose(step.C, full.C.select(1, t));
            AssertClose(step.StageProbabilities, full.StageProbabilities.select(1, t));
            AssertClose(step.Conversion, full.Conversion.select(1, t));
            AssertClose(step.Friction, full.Friction.select(1, t));
            AssertClose(step.SessionEmbedding, full.SessionEmbedding.select(1, t));
            (h, c) = (step.H, step.C);
        }
    }

    private static void AssertClose(torch.Tensor expected, torch.Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= Tolerance, $"max |difference| {difference} exceeds {Tolerance}");
    }
}
