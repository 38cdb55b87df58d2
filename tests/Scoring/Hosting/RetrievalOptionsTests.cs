using Journeys.Scoring.Hosting;

namespace Journeys.Scoring.Tests.Hosting;

public sealed class RetrievalOptionsTests
{
    [Fact]
    public void Auto_retrieval_is_the_default_and_keeps_small_catalogs_exact()
    {
        var options = new ScoringOptions();

        Assert.Equal("auto", options.Retrieval);
        Assert.True(options.ExactUpToItems >= 1_000);
    }

    [Fact]
    public void An_unknown_retrieval_is_rejected_with_the_accepted_values()
    {
        var result = new ScoringOptionsValidator().Validate(null, new ScoringOptions { Retrieval = "hnsw" });

        Assert.True(result.Failed);
        Assert.Contains("'auto', 'exact', 'ivf', 'garnet'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Garnet_retrieval_without_an_endpoint_names_the_setting_to_add()
    {
        var result = new ScoringOptionsValidator().Validate(null, new ScoringOptions { Retrieval = "garnet" });

        Assert.True(result.Failed);
        Assert.Contains("Scoring:RetrievalGarnet", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Ivf_retrieval_needs_at_least_one_probe()
    {
        var result = new ScoringOptionsValidator().Validate(null, new ScoringOptions { Retrieval = "ivf", IvfProbes = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Scoring:IvfProbes", result.FailureMessage, StringComparison.Ordinal);
    }
}
