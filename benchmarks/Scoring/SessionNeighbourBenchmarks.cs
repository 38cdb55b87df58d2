using BenchmarkDotNet.Attributes;
using Journeys.Lab.Datasets;
using Journeys.Scoring.Catalog;
using Journeys.Scoring.Model;
using Journeys.Scoring.Recommendations;

namespace Journeys.Benchmarks.Scoring;

/// <summary>
/// What the session-neighbour source costs a decision: the blend of 100 model candidates with and without V-SKNN
/// (the difference is the neighbours' share; no relations, so nothing else differs), V-SKNN alone through the public
/// <see cref="SessionNeighbourSnapshot.Score"/> (which allocates its result), and a publish of the index after one click.
/// The index holds Diginetica's latest 100,000 training sessions (SR-GNN split, the default MaxSessions) under the
/// default options; probes are 256 test prefixes cut to their last 20 clicks, as a live session's recent items are.
/// Reads ../shared/data/diginetica-cikm16 (or $JOURNEYS_SHARED_DATA).
/// </summary>
[MemoryDiagnoser]
public class SessionNeighbourBenchmarks
{
    private static readonly RelationBlendWeights WithoutNeighbours = new(0.5, 0.5, 0.5, 5);
    private static readonly RelationBlendWeights WithNeighbours = WithoutNeighbours with { SessionNeighbours = 1 };
    private static readonly Func<string, IReadOnlyList<RelatedItem>> NoRelations = _ => [];

    private SessionNeighbourIndex _index = null!;
    private SessionNeighbourSnapshot _snapshot = null!;
    private string[][] _probes = null!;
    private ScoredItem[] _modelTop = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var folder = SharedData.PathOf("diginetica-cikm16");
        var trainPath = Path.Combine(folder, SrGnnSplitReader.TrainFileName);
        if (!File.Exists(trainPath)) throw new FileNotFoundException($"{trainPath} is absent: set JOURNEYS_SHARED_DATA to the shared data folder");
        var split = SrGnnSplitReader.ReadFolder(folder);
        _index = new SessionNeighbourIndex(new SessionNeighbourOptions());
        _index.Seed(split.TrainSessions.Select(s => s.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()));
        _snapshot = _index.Snapshot();
        var rng = new Random(7);
        _probes = [.. Enumerable.Range(0, 256).Select(_ =>
        {
            var prefix = split.TestCases[rng.Next(split.TestCases.Count)].Prefix;
            return prefix.Reverse().Take(20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        })];
        _modelTop = [.. Enumerable.Range(0, 100).Select(i => new ScoredItem(rng.Next(1, 43_098).ToString(System.Globalization.CultureInfo.InvariantCulture), 0.5f / (i + 1)))];
    }

    [Benchmark(Baseline = true)]
    public int BlendWithoutNeighbours() => RelationBlend.Blend(_modelTop, _probes[_next++ & 255], NoRelations, WithoutNeighbours, 20).Count;

    [Benchmark]
    public int BlendWithNeighbours() =>
        RelationBlend.Blend(_modelTop, _probes[_next++ & 255], NoRelations, WithNeighbours, 20, _snapshot, "live").Count;

    [Benchmark]
    public int NeighboursAlone() => _snapshot.Score(_probes[_next++ & 255], "live").Count;

    /// <summary>One click, then a full snapshot: what the catalog stage adds to each publish (every 5 s by default).</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public long PublishAfterOneClick()
    {
        _index.Add("live", _probes[_next++ & 255][0]);
        return _index.Snapshot().Version;
    }
}
