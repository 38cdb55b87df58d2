using Journeys.Scoring.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace Journeys.Scoring.Hosting;

/// <summary>Builds the one <see cref="ScoringModel"/> of the process from validated options: a file if named, else the seeded model.</summary>
internal static class ScoringModelFactory
{
    public static ScoringModel Create(IOptions<ScoringOptions> options, SeedEvents? seedEvents, ILogger logger)
    {
        var o = options.Value;
        if (o.TorchThreads is { } threads) torch.set_num_threads(threads);
        var device = ModelDevice.Resolve(o.Device);
        ScoringModel model;
        if (o.ModelPath is { } path)
        {
            model = SessionModelFile.Load(path, device);
        }
        else
        {
            var seed = seedEvents ?? throw new InvalidOperationException(
                "Scoring:ModelPath is not set and no seed events are registered. Set Scoring:ModelPath to a model file, " +
                "or register the catalog events for the untrained seeded model with services.AddScoringSeedEvents(...).");
            var dimensions = new SessionModelDimensions
            {
                HiddenSize = o.SeedHiddenSize,
                EmbeddingSize = o.SeedEmbeddingSize,
                ItemEmbeddingSize = o.SeedEmbeddingSize,
            };
            model = SeededModel.Create(seed.Read(), o.Seed, dimensions, o.SeedMaxItems, o.SeedMaxCategories, device);
        }
        Log.ModelReady(logger, model.Info.Version, model.Info.Trained, model.Info.ItemCount, model.Info.HiddenSize, model.Info.Device);
        if (!model.Info.Trained) Log.Untrained(logger, model.Info.Version);
        return model;
    }
}
