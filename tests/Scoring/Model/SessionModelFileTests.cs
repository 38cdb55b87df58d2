using Journeys.Scoring.Model;
using Journeys.Scoring.Recommendations;
using TorchSharp;
using static Journeys.Scoring.Tests.TestModels;

namespace Journeys.Scoring.Tests.Model;

public sealed class SessionModelFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("journeys-modelfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_saved_model_loads_with_the_same_metadata_and_weights()
    {
        using var original = Seeded(seed: 8);
        var path = Path.Combine(_directory, "m.jmodel");

        SessionModelFile.Save(path, original);
        using var loaded = SessionModelFile.Load(path, torch.CPU);

        Assert.Equal(original.Info, loaded.Info);
        Assert.Equal(original.Metadata.Products, loaded.Metadata.Products);
        Assert.Equal(original.Metadata.Categories, loaded.Metadata.Categories);
        Assert.Equal(original.Metadata.PriceEdges, loaded.Metadata.PriceEdges);
        Assert.Equal(original.Metadata.GapEdgesSeconds, loaded.Metadata.GapEdgesSeconds);
        Assert.Equal(original.Metadata.Dimensions, loaded.Metadata.Dimensions);
        Assert.Equal(original.Metadata.CreatedAt, loaded.Metadata.CreatedAt);
        Assert.Equal(8, loaded.Metadata.Seed);
        foreach (var ((name, a), (_, b)) in original.Network.named_parameters().Zip(loaded.Network.named_parameters()))
            Assert.True(a.allclose(b, rtol: 0, atol: 0), $"parameter {name} differs");
    }

    [Fact]
    public void A_missing_file_names_the_file_and_the_setting()
    {
        var path = Path.Combine(_directory, "absent.jmodel");

        var error = Assert.Throws<ModelFileException>(() => SessionModelFile.Load(path, torch.CPU));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("Scoring:ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_rejected_by_its_magic_bytes()
    {
        var path = Path.Combine(_directory, "text.jmodel");
        File.WriteAllText(path, "hello, this is not a model");

        var error = Assert.Throws<ModelFileException>(() => SessionModelFile.Load(path, torch.CPU));

        Assert.Contains("not a Journeys model file", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_reported_as_truncated()
    {
        using var model = Seeded();
        var path = Path.Combine(_directory, "cut.jmodel");
        SessionModelFile.Save(path, model);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);

        var error = Assert.Throws<ModelFileException>(() => SessionModelFile.Load(path, torch.CPU));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_weights_are_reported_with_the_file_name()
    {
        using var model = Seeded();
        var path = Path.Combine(_directory, "bad.jmodel");
        SessionModelFile.Save(path, model);
        var bytes = File.ReadAllBytes(path);
        // Overwrite the start of the weights block (right after the metadata) with garbage of the same length.
        var metadataLength = BitConverter.ToInt32(bytes, 12);
        var weightsStart = 16 + metadataLength + 8;
        Array.Fill(bytes, (byte)0xFF, weightsStart, 64);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelFileException>(() => SessionModelFile.Load(path, torch.CPU));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recent_sessions_travel_with_the_model()
    {
        // The same network under a second owner: only that one disposes it.
        var seeded = Seeded(seed: 3);
        string[][] sessions = [["p1", "p2", "p1"], ["p3"], ["é-unicode", "p2"]];
        using var original = new ScoringModel(seeded.Network, seeded.Metadata, torch.CPU) { RecentSessions = sessions };
        var path = Path.Combine(_directory, "sessions.jmodel");

        SessionModelFile.Save(path, original);
        using var loaded = SessionModelFile.Load(path, torch.CPU);

        Assert.Equal(sessions, loaded.RecentSessions);
        Assert.Equal(SessionModelFile.FormatVersion, BitConverter.ToInt32(File.ReadAllBytes(path), 8));
    }

    [Fact]
    public void A_version_1_file_without_recent_sessions_still_loads()
    {
        using var model = Seeded(seed: 4);
        var path = Path.Combine(_directory, "v1.jmodel");
        SessionModelFile.Save(path, model);
        // Version 1 is version 2 without the trailing sessions section (here an empty one: its int32 count of 0).
        var bytes = File.ReadAllBytes(path)[..^4];
        BitConverter.GetBytes(SessionModelFile.FormatVersionWithoutSessions).CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);

        using var loaded = SessionModelFile.Load(path, torch.CPU);

        Assert.Empty(loaded.RecentSessions);
        Assert.Equal(model.Info, loaded.Info);
    }

    [Fact]
    public void The_blend_weights_travel_with_the_model()
    {
        using var model = Seeded(seed: 5);
        var weights = new RelationBlendWeights(0.2, 0.2, 0.5, 5) { SessionNeighbours = 0.5, RecentlyViewed = 0.4, RecentlyViewedDecay = 0.3 };
        model.AttachBlendWeights(weights);
        var path = Path.Combine(_directory, "w.jmodel");

        SessionModelFile.Save(path, model);
        using var loaded = SessionModelFile.Load(path, torch.CPU);

        Assert.Equal(weights, loaded.Metadata.BlendWeights);
    }

    [Fact]
    public void Blend_weights_written_before_recently_viewed_load_with_it_off_and_a_valid_decay()
    {
        using var model = Seeded(seed: 6);
        model.AttachBlendWeights(new RelationBlendWeights(0.2, 0.2, 0.5, 5) { SessionNeighbours = 0.5 });
        var path = Path.Combine(_directory, "older.jmodel");
        SessionModelFile.Save(path, model);
        // The older metadata: the same JSON without the two recently-viewed properties.
        var bytes = File.ReadAllBytes(path);
        var length = BitConverter.ToInt32(bytes, 12);
        var json = System.Text.Json.Nodes.JsonNode.Parse(bytes.AsSpan(16, length))!;
        var blend = json["blendWeights"]!.AsObject();
        Assert.True(blend.Remove("recentlyViewed") && blend.Remove("recentlyViewedDecay"));
        var older = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
        File.WriteAllBytes(path, [.. bytes[..12], .. BitConverter.GetBytes(older.Length), .. older, .. bytes[(16 + length)..]]);

        using var loaded = SessionModelFile.Load(path, torch.CPU);

        Assert.Equal(0, loaded.Metadata.BlendWeights!.RecentlyViewed);
        Assert.Equal(RelationBlendWeights.DefaultRecentlyViewedDecay, loaded.Metadata.BlendWeights.RecentlyViewedDecay);
        Assert.Null(loaded.Metadata.BlendWeights.Problem());
        Assert.Equal(0.5, loaded.Metadata.BlendWeights.SessionNeighbours);
    }

    [Fact]
    public void A_model_trained_before_ordered_spans_and_epoch_averaging_records_neither()
    {
        // The bundled demo model was written before the two options existed: its record must not claim today's defaults.
        using var bundled = SessionModelFile.Load(Journeys.Scoring.Tests.Onnx.OnnxStepRunnerTests.BundledModelPath(), torch.CPU);

        var record = bundled.Metadata.Training!;
        Assert.Equal(0, record.Options.ChronologicalSpans);
        Assert.True(record.Options.AverageEpochs <= 1, $"AverageEpochs {record.Options.AverageEpochs}");
        Assert.Null(record.Average);
    }

    [Fact]
    public void A_corrupt_recent_session_count_is_reported()
    {
        using var model = Seeded();
        var path = Path.Combine(_directory, "count.jmodel");
        SessionModelFile.Save(path, model);
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(1_000_000).CopyTo(bytes, bytes.Length - 4);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelFileException>(() => SessionModelFile.Load(path, torch.CPU));

        Assert.Contains("recent-session count", error.Message, StringComparison.Ordinal);
    }
}
