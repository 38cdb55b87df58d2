using Journeys.Scoring.Retrieval;

namespace Journeys.Lab.Retrieval;

/// <summary>What <see cref="AnnEvaluation"/> sweeps (journeys evaluate --task ann).</summary>
public sealed record AnnEvaluationOptions
{
    public int K { get; init; } = 20;

    /// <summary>IVF nprobe values; each is measured on the same lists.</summary>
    public IReadOnlyList<int> Probes { get; init; } = [1, 2, 4, 8, 16, 32, 64];

    /// <summary>IVF lists; 0 = <see cref="IvfOptions.AutoLists"/>.</summary>
    public int IvfLists { get; init; }

    /// <summary>VSIM EF values for the Garnet index.</summary>
    public IReadOnlyList<int> GarnetExplorations { get; init; } = [20, 50, 100, 200, 400];

    public IReadOnlyList<string> GarnetMetrics { get; init; } = GarnetVectorOptions.Metrics;

    /// <summary>Catalogs above this size skip Garnet: its build (one VADD per item, ~1,700/s measured) would dominate the run.</summary>
    public long GarnetMaxItems { get; init; } = 50_000;

    public int LatencyQueries { get; init; } = 300;

    public int LatencyBatches { get; init; } = 12;

    /// <summary>The recall@K an approximate setting must reach to count in the crossover.</summary>
    public double RecallTarget { get; init; } = 0.95;

    public int Seed { get; init; } = 42;
}
