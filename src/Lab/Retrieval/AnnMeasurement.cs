using Journeys.Scoring.Retrieval;

namespace Journeys.Lab.Retrieval;

/// <summary>
/// One index at one setting on one catalog (see <see cref="AnnBenchmark"/>). Latencies are wall-clock microseconds of
/// <see cref="IItemIndex.Search"/>: per call for one query, per call for a batch of 32 and of 128 (a StepBatcher batch),
/// and per query within batches of 128 (the median batch over 128: machines shared with builds make means noisy). <see cref="LogNormalizerGap"/> is the mean of (exact − index) logsumexp in nats:
/// how much softmax mass the index's candidates miss (0 for exact). <see cref="HitRate"/> is HR@K of the real next
/// items through this index (null on synthetic catalogs).
/// </summary>
public sealed record AnnMeasurement(
    string Catalog,
    long Items,
    int Dimensions,
    string Index,
    string Setting,
    int K,
    int Queries,
    double Recall,
    double SingleP50,
    double SingleP99,
    double Batch32P50,
    double Batch32P99,
    double Batch128P50,
    double Batch128P99,
    double PerQueryAt128,
    double CpuSingle,
    double CpuPerQueryAt128,
    double BuildSeconds,
    long MemoryBytes,
    double LogNormalizerGap,
    double? HitRate);
