namespace Journeys.Lab.Tests.Training;

/// <summary>
/// Tests that need libtorch's global random generator to themselves: seeded training draws its initial weights and
/// sampled negatives from it, and any other test building a model at the same time would take draws from the middle
/// of the sequence. xUnit runs this collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRandomCollection
{
    public const string Name = "libtorch's global random generator";
}
