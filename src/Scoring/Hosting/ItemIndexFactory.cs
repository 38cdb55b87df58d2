using Journeys.Scoring.Model;
using Journeys.Scoring.Retrieval;
using StackExchange.Redis;

namespace Journeys.Scoring.Hosting;

/// <summary>The <see cref="IItemIndex"/> the batcher searches, from validated options (<c>Scoring:Retrieval</c>).</summary>
internal static class ItemIndexFactory
{
    /// <param name="blockRows">The batcher's block: 32, or 1 when every forward has one step.</param>
    public static IItemIndex Create(ScoringModel model, ScoringOptions options, int blockRows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var table = model.Network.ScoringTable;
        var mode = options.Retrieval.ToLowerInvariant();
        if (mode == RetrievalModes.Auto)
        {
            mode = model.Metadata.Dimensions.ItemCount - 1 <= options.ExactUpToItems ? RetrievalModes.Exact : RetrievalModes.Ivf;
        }
        switch (mode)
        {
            case RetrievalModes.Exact:
                return new ExactItemIndex(table, blockRows);
            case RetrievalModes.Ivf:
                using (TorchSharp.torch.no_grad())
                {
                    return IvfItemIndex.Build(table, new IvfOptions { Lists = options.IvfLists, Probes = options.IvfProbes, Seed = options.Seed });
                }
            case RetrievalModes.Garnet:
            {
                var endpoint = options.RetrievalGarnet ?? throw new InvalidOperationException("Scoring:Retrieval is 'garnet' but Scoring:RetrievalGarnet is not set.");
                var connection = ConnectionMultiplexer.Connect(endpoint);
                try
                {
                    // One vector set per model version: engines serving the same model share it, and a restart reuses it
                    // (a rebuild may link the graph differently, and a session's repeated decision would differ).
                    var settings = new GarnetVectorOptions { Key = $"journeys:items:{model.Metadata.Version}", SearchExploration = options.GarnetSearchEf };
                    using (TorchSharp.torch.no_grad())
                    {
#pragma warning disable VSTHRD002 // Once, in the batcher's constructor at start (no SynchronizationContext); no_grad is per thread.
                        return GarnetVectorIndex.OpenOrBuildAsync(connection.GetDatabase(), table, settings, connection).GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
                    }
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }
            default:
                throw new InvalidOperationException($"Scoring:Retrieval '{options.Retrieval}' is not one of {string.Join(", ", RetrievalModes.All)}.");
        }
    }
}
