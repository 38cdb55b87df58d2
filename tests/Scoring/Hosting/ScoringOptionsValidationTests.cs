using Journeys.Scoring.Batching;
using Journeys.Contracts.Events;
using Journeys.Scoring.Hosting;
using Journeys.Scoring.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Tests.Hosting;

public class ScoringOptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new ScoringOptionsValidator().Validate(null, new ScoringOptions()).Succeeded);
    }

    [Fact]
    public void An_unknown_device_is_rejected_with_the_accepted_values()
    {
        var result = new ScoringOptionsValidator().Validate(null, new ScoringOptions { Device = "tpu" });

        Assert.True(result.Failed);
        Assert.Contains("'auto', 'cpu' or 'cuda'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_is_accepted_only_when_TorchSharp_sees_a_GPU_and_otherwise_names_the_CUDA_packages()
    {
        var result = new ScoringOptionsValidator().Validate(null, new ScoringOptions { Device = "cuda" });

        if (TorchSharp.torch.cuda.is_available())
        {
            Assert.True(result.Succeeded);
            return;
        }
        Assert.True(result.Failed);
        Assert.Contains("TorchSharp-cuda-linux", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("'auto' or 'cpu'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void A_MaxBatch_below_one_stops_start_up(string maxBatch)
    {
        using var host = Host(new() { ["Scoring:MaxBatch"] = maxBatch });

        var error = Assert.Throws<OptionsValidationException>(() => host.Start());

        Assert.Contains("MaxBatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_device_stops_start_up()
    {
        using var host = Host(new() { ["Scoring:Device"] = "gpu0" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Start());

        Assert.Contains("Scoring:Device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_model_path_or_seed_events_start_up_says_how_to_fix_it()
    {
        using var host = Host(new() { ["Scoring:Device"] = "cpu" }, seed: false);

        var error = Assert.Throws<InvalidOperationException>(() => host.Start());

        Assert.Contains("AddScoringSeedEvents", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddScoring_with_seed_events_serves_steps_from_the_seeded_model()
    {
        using var host = Host(new() { ["Scoring:Device"] = "cpu", ["Scoring:SeedHiddenSize"] = "16", ["Scoring:SeedEmbeddingSize"] = "8", ["Scoring:Seed"] = "3" });
        await host.StartAsync();
        var scorer = host.Services.GetRequiredService<StepBatcher>();

        var result = await scorer.StepAsync(new StepFeatures(1 + (int)ClickType.PageView, 0, 0, 0, 0), new float[16], new float[16], CancellationToken.None);

        Assert.StartsWith("untrained-seed3-", scorer.Model.Version, StringComparison.Ordinal);
        Assert.Equal(16, result.H.Length);
        await host.StopAsync();
    }

    private static IHost Host(Dictionary<string, string?> settings, bool seed = true)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddScoring(builder.Configuration);
        if (seed) builder.Services.AddScoringSeedEvents(_ => TestModels.Catalog(20));
        return builder.Build();
    }
}
