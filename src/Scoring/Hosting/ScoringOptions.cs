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
    /// Most steps in one forward. 128, measured on the 2-core CPU box (BatchSizeMeasurement, default dimensions,
    /// top-10): µs/event falls from ~150–250 at batch 1 to ~10 (1,000 items) / ~50–65 (20,000 items) at 32–128 and
    /// does not improve beyond, while a batch's latency keeps growing (~1–7 ms at 128).
    /// </summary>
    [Range(1, 65_536)]
    public int MaxBatch { get; set; } = 128;

    /// <summary>How long the batcher waits for more steps after the first one arrives. 0 = take only what is queued.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Next-item recommendations per step.</summary>
    [Range(1, 1_000)]
    public int TopK { get; set; } = 10;

    /// <summary>
    /// torch.set_num_threads for intra-op parallelism (process-wide); null keeps TorchSharp's default (one per core).
    /// Default 1: the batched step is small, and libtorch's OpenMP workers spin-wait between forwards. Profiled with
    /// perf under load: 31 % of the engine's CPU in libgomp; loadtest at 1,000 events/s, back to back: p99 2,380 ms with
    /// the default threads vs 562 ms with 1, CPU 54 % vs 36 %. Raise it on machines with many idle cores.
    /// </summary>
    [Range(1, 1_024)]
    public int? TorchThreads { get; set; } = 1;

    /// <summary>
    /// How the batcher finds each step's top-K items: exact (one matrix product with the whole item table per block of
    /// 32 sessions) | ivf (<see cref="Retrieval.IvfItemIndex"/>, in process) | garnet (a Garnet vector set at
    /// <see cref="RetrievalGarnet"/>). Default exact, by measurement (journeys evaluate --task ann; README): exact is
    /// both exact and cheap enough for the catalogs we serve (Diginetica, 43,097 items: ~TODO µs per session in batches
    /// of 128), and the IVF only pays off from about TODO items; exact and ivf repeat a session's result bit for bit,
    /// garnet only while the vector set is not rebuilt.
    /// </summary>
    public string Retrieval { get; set; } = RetrievalModes.Exact;

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
