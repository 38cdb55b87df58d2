using System.ComponentModel.DataAnnotations;
using Journeys.Scoring.Model;
using Journeys.Scoring.Retrieval;

namespace Journeys.Scoring.Hosting;

/// <summary>Configuration section <c>Scoring</c>. Validated at start (see <see cref="ScoringOptionsValidator"/>).</summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Scoring";

    /// <summary>A model file (see <see cref="SessionModelFile"/>). Null: the host's seed events build an untrained seeded model.</summary>
    public string? ModelPath { get; set; }

    /// <summary>auto (cuda when TorchSharp sees one, else cpu) | cpu | cuda.</summary>
    public string Device { get; set; } = ModelDevice.Auto;

    /// <summary>
    /// What runs the model's step: torch (TorchSharp) | onnx (ONNX Runtime, over the graph <c>journeys export</c> writes,
    /// built from the same model at start) | auto (see <see cref="ScoringBackends.Resolve"/>: onnx on a CPU, torch on a
    /// GPU). Default auto, by measurement (docs/benchmarks/2026-11-29-onnx.md). Retrieval, the batcher and everything
    /// else are the same with either.
    /// </summary>
    public string Backend { get; set; } = ScoringBackends.Auto;

    /// <summary>ONNX Runtime intra-op threads (Backend = onnx). 1 for the reason <see cref="TorchThreads"/> is 1.</summary>
    [Range(1, 1_024)]
    public int OnnxThreads { get; set; } = 1;

    /// <summary>
    /// Most steps in one forward. 128: the cost per event falls steeply from batch 1 and stops improving by 32–128,
    /// while a batch's latency keeps growing (BatchSizeBenchmarks; figures in docs/performance.md).
    /// </summary>
    [Range(1, 65_536)]
    public int MaxBatch { get; set; } = 128;

    /// <summary>How long the batcher waits for more steps after the first one arrives. 0 = take only what is queued.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The model's candidates per step, best first, that the recommender blends with catalog relations and filters by
    /// its rules down to Recommendations:Count. 100: the blend's HR@20 gain on Diginetica was measured blending the
    /// model's top 100, and the rules (one category at most 3 times, stock, purchases) need room to drop candidates.
    /// </summary>
    [Range(1, 1_000)]
    public int TopK { get; set; } = 100;

    /// <summary>
    /// torch.set_num_threads for intra-op parallelism (process-wide); null keeps TorchSharp's default (one per core).
    /// Default 1: the batched step is small, and libtorch's OpenMP workers spin-wait between forwards, which under load
    /// cost both CPU and tail latency (profile and load tests: docs/benchmarks/2026-11-22-loadtest-and-demo.md). Raise it
    /// on machines with many idle cores.
    /// </summary>
    [Range(1, 1_024)]
    public int? TorchThreads { get; set; } = 1;

    /// <summary>
    /// How the batcher finds each step's top-K items: auto (exact up to <see cref="ExactUpToItems"/> items, ivf above) |
    /// exact (one matrix product with the whole item table per block of 32 sessions) | ivf
    /// (<see cref="Retrieval.IvfItemIndex"/>, in process) | garnet (a Garnet vector set at <see cref="RetrievalGarnet"/>).
    /// Default auto, by measurement (journeys evaluate --task ann; docs/recommendations.md, Retrieval): exact search
    /// costs grow with the catalog while the IVF at recall@20 ≥ 0.99 stays nearly flat, so the IVF is the cheaper from
    /// small catalogs on (see <see cref="ExactUpToItems"/>). exact and ivf repeat a session's
    /// result bit for bit (any batch; the IVF's build is seeded); garnet only while its vector set is not rebuilt.
    /// With ivf or garnet a recommendation's score is its probability among the index's candidates, not the whole
    /// catalog: slightly higher (the report's log Z gap), same order.
    /// </summary>
    public string Retrieval { get; set; } = RetrievalModes.Auto;

    /// <summary>
    /// Catalogs up to this many items use exact search under Retrieval = auto. The IVF was already the cheaper at the
    /// smallest catalog measured (docs/benchmarks/2026-11-23-ann), so the crossover lies below this; up to here exact
    /// costs no more than the model's own step and keeps exact probabilities.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ExactUpToItems { get; set; } = 1_000;

    /// <summary>IVF lists (Retrieval = ivf); 0 = 2·√items.</summary>
    [Range(0, 10_000_000)]
    public int IvfLists { get; set; }

    /// <summary>IVF lists probed per session (Retrieval = ivf): recall against cost, see journeys evaluate --task ann.</summary>
    [Range(1, 10_000_000)]
    public int IvfProbes { get; set; } = 16;

    /// <summary>host:port of a Garnet started with --enable-vector-set-preview (Retrieval = garnet).</summary>
    public string? RetrievalGarnet { get; set; }

    /// <summary>VSIM EF of the Garnet index (Retrieval = garnet).</summary>
    [Range(1, 1_000_000)]
    public int GarnetSearchEf { get; set; } = 100;

    /// <summary>Seed of the untrained model used when <see cref="ModelPath"/> is null.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Item vocabulary cap of the seeded model (most frequent products first).</summary>
    [Range(1, 10_000_000)]
    public int SeedMaxItems { get; set; } = SeededModel.DefaultMaxItems;

    /// <summary>Category vocabulary cap of the seeded model.</summary>
    [Range(1, 1_000_000)]
    public int SeedMaxCategories { get; set; } = SeededModel.DefaultMaxCategories;

    /// <summary>Hidden size of the seeded model's LSTM: each session keeps 2 × this many floats.</summary>
    [Range(1, 4_096)]
    public int SeedHiddenSize { get; set; } = 64;

    /// <summary>Embedding size of the seeded model (actions and items).</summary>
    [Range(1, 4_096)]
    public int SeedEmbeddingSize { get; set; } = 32;
}
