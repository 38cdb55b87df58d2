namespace Journeys.Scoring.Retrieval;

/// <summary>How a <see cref="GarnetVectorIndex"/> is built and searched (Garnet vector sets, DiskANN underneath).</summary>
public sealed record GarnetVectorOptions
{
    /// <summary>Dot product as Garnet's own inner-product metric (<c>XDISTANCE_METRIC IP</c>) on the table as it is.</summary>
    public const string InnerProduct = "ip";

    /// <summary>L2 on the <see cref="MaxInnerProduct"/>-augmented table (items on a sphere, queries with a 0 appended).</summary>
    public const string L2OnSphere = "l2-mips";

    public static readonly IReadOnlyList<string> Metrics = [InnerProduct, L2OnSphere];

    /// <summary>The vector-set key; a build deletes what the key held.</summary>
    public string Key { get; init; } = "journeys:items";

    /// <summary><see cref="InnerProduct"/> or <see cref="L2OnSphere"/>.</summary>
    public string Metric { get; init; } = InnerProduct;

    /// <summary>Garnet's quantization: NOQUANT (float32 graph search) or Q8 (Garnet's default) or BIN.</summary>
    public string Quantization { get; init; } = "NOQUANT";

    /// <summary>Build-time exploration factor (VADD EF; Garnet's default 200).</summary>
    public int BuildExploration { get; init; } = 200;

    /// <summary>Most graph links per item (VADD M; Garnet's default 16).</summary>
    public int Links { get; init; } = 16;

    /// <summary>Search-time exploration factor (VSIM EF; Garnet's default 100); raised to k when smaller.</summary>
    public int SearchExploration { get; init; } = 100;

    /// <summary>VADD commands in flight during a build (pipelined on one connection, so applied in item order).</summary>
    public int InFlight { get; init; } = 256;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Key)) throw new ArgumentException("The Garnet vector-set key must not be blank.", nameof(Key));
        if (!Metrics.Contains(Metric)) throw new ArgumentException($"Garnet metric '{Metric}' is not one of {string.Join(", ", Metrics)}.", nameof(Metric));
        if (Quantization is not ("NOQUANT" or "Q8" or "BIN")) throw new ArgumentException($"Garnet quantization '{Quantization}' is not one of NOQUANT, Q8, BIN.", nameof(Quantization));
        if (BuildExploration is < 1 or > 1_000_000) throw new ArgumentOutOfRangeException(nameof(BuildExploration), BuildExploration, "VADD EF must be in [1, 1000000].");
        if (Links is < 4 or > 4096) throw new ArgumentOutOfRangeException(nameof(Links), Links, "VADD M must be in [4, 4096].");
        if (SearchExploration is < 1 or > 1_000_000) throw new ArgumentOutOfRangeException(nameof(SearchExploration), SearchExploration, "VSIM EF must be in [1, 1000000].");
        if (InFlight < 1) throw new ArgumentOutOfRangeException(nameof(InFlight), InFlight, "At least one VADD must be in flight.");
    }
}
