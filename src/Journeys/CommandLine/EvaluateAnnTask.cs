using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Journeys.Lab.Datasets;
using Journeys.Lab.Evaluation.NextItem;
using Journeys.Lab.Retrieval;
using Journeys.Lab.Training;
using Journeys.Scoring.Model;
using Journeys.Scoring.Retrieval;
using Journeys.SessionActors.State;
using StackExchange.Redis;
using TorchSharp;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys evaluate --task ann</c>: exact search against the IVF index and Garnet vector sets, on the model's item
/// table with the session embeddings of a seeded sample of test prefixes as queries, then on synthetic catalogs of
/// growing size — recall@K, latency, build time, memory, HR@K through each index, and where exact stops being the cheaper.
/// </summary>
internal static class EvaluateAnnTask
{
    private sealed record Options(
        Option<int> K, Option<int> Queries, Option<int[]> Probes, Option<int> Lists, Option<int[]> GarnetEf, Option<string[]> GarnetMetrics,
        Option<int[]> SyntheticItems, Option<int> SyntheticDimensions, Option<int> SyntheticQueries);

    /// <summary>Adds this task's own options to the command and returns its action.</summary>
    public static Func<ParseResult, EvaluateFlags, CancellationToken, int> AddOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new Options(
            new Option<int>("--k") { Description = "ann: top K compared (default 20)", DefaultValueFactory = _ => 20, Validators = { r => Positive(r, "--k") } },
            new Option<int>("--queries") { Description = "ann: test prefixes sampled as queries (default 4000)", DefaultValueFactory = _ => 4000, Validators = { r => Positive(r, "--queries") } },
            new Option<int[]>("--nprobe") { Description = "ann: IVF lists probed, one run each (default 1 2 4 8 16 32 64)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [1, 2, 4, 8, 16, 32, 64] },
            new Option<int>("--ivf-lists") { Description = "ann: IVF lists (default 0 = 2·√items)", DefaultValueFactory = _ => 0 },
            new Option<int[]>("--garnet-ef") { Description = "ann: Garnet VSIM EF values (default 20 50 100 200 400)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [20, 50, 100, 200, 400] },
            new Option<string[]>("--garnet-metrics") { Description = "ann: Garnet metrics, ip | l2-mips; none to skip Garnet (default both)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [.. GarnetVectorOptions.Metrics] },
            new Option<int[]>("--synthetic-items") { Description = "ann: sizes of the seeded synthetic catalogs; 0 for none (default 10000 30000 100000 300000 1000000)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [10_000, 30_000, 100_000, 300_000, 1_000_000] },
            new Option<int>("--synthetic-dimensions") { Description = "ann: embedding size of the synthetic catalogs (default 64)", DefaultValueFactory = _ => 64, Validators = { r => Positive(r, "--synthetic-dimensions") } },
            new Option<int>("--synthetic-queries") { Description = "ann: queries per synthetic catalog (default 1000; exact search over 1M items costs ~25 ms each)", DefaultValueFactory = _ => 1000, Validators = { r => Positive(r, "--synthetic-queries") } });
        command.Options.Add(options.K);
        command.Options.Add(options.Queries);
        command.Options.Add(options.Probes);
        command.Options.Add(options.Lists);
        command.Options.Add(options.GarnetEf);
        command.Options.Add(options.GarnetMetrics);
        command.Options.Add(options.SyntheticItems);
        command.Options.Add(options.SyntheticDimensions);
        command.Options.Add(options.SyntheticQueries);
        command.Validators.Add(r =>
        {
            if (r.GetValue<string>("--task") != EvaluateCommand.AnnTask) return;
            if (r.GetValue(options.Probes) is { } probes && probes.Any(p => p < 1)) r.AddError("--nprobe values must be at least 1");
            if (r.GetValue(options.Lists) < 0) r.AddError("--ivf-lists must be 0 (automatic) or positive");
            if (r.GetValue(options.GarnetEf) is { } ef && ef.Any(e => e is < 1 or > 1_000_000)) r.AddError("--garnet-ef values must be in [1, 1000000]");
            if (r.GetValue(options.GarnetMetrics) is { } metrics && metrics.Any(m => m != "none" && !GarnetVectorOptions.Metrics.Contains(m)))
                r.AddError($"--garnet-metrics must be among {string.Join(", ", GarnetVectorOptions.Metrics)}, or none");
            if (r.GetValue(options.SyntheticItems) is { } sizes && sizes.Any(s => s is < 0 or 1 or > 20_000_000))
                r.AddError("--synthetic-items values must be 0 (none) or from 2 to 20,000,000");
        });
        return (parse, flags, cancellationToken) => Run(parse, flags, options, cancellationToken);
    }

    private static void Positive(System.CommandLine.Parsing.OptionResult r, string name)
    {
        if (r.GetValueOrDefault<int>() < 1) r.AddError($"{name} must be at least 1");
    }

    private static int Run(ParseResult parse, EvaluateFlags flags, Options o, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var k = parse.GetValue(o.K);
        var seed = parse.GetValue(flags.Seed);
        var metrics = parse.GetValue(o.GarnetMetrics)!.Where(m => m != "none").Distinct().ToArray();
        var settings = new AnnEvaluationOptions
        {
            K = k,
            Probes = parse.GetValue(o.Probes)!,
            IvfLists = parse.GetValue(o.Lists),
            GarnetExplorations = parse.GetValue(o.GarnetEf)!,
            GarnetMetrics = metrics,
            Seed = seed,
        };
        var name = parse.GetValue(flags.Dataset)!;
        var split = LoadSplit(name, parse.GetValue(flags.Data)!);
        using var scoring = SessionModelFile.Load(parse.GetValue(flags.Model)!.FullName, torch.CPU);
        var items = scoring.Metadata.Dimensions.ItemCount;
        if (k > items - 1) throw new ArgumentException($"--k {k} is more than the model's {items - 1:N0} items.");
        var sample = Sample(split.Test, parse.GetValue(o.Queries), seed);
        Console.Error.WriteLine($"evaluate: {split.Name}: {sample.Count:N0} of {split.Test.Count:N0} test prefixes as queries; " +
            $"model items {items - 1:N0} × {scoring.Metadata.Dimensions.ItemEmbeddingSize}; torch threads {torch.get_num_threads()}");

        using var garnetServer = metrics.Length > 0 ? EmbeddedGarnet.Start(vectorSets: true) : null;
        using var connection = garnetServer is null ? null : ConnectionMultiplexer.Connect(garnetServer.Endpoint);
        var garnet = connection?.GetDatabase();
        void Progress(string line) => Console.Error.WriteLine($"evaluate: {line} [{wall.Elapsed.TotalSeconds:F0} s]");

        var measurements = new List<AnnMeasurement>();
        var (embeddings, targets) = SessionEmbeddings.Of(scoring, sample);
        using (embeddings)
        {
            using var noGrad = torch.no_grad();
            var table = scoring.Network.ScoringTable.detach();
#pragma warning disable VSTHRD002 // A command's action, no SynchronizationContext to deadlock on; torch's no_grad is per thread: it ends where it began.
            measurements.AddRange(AnnEvaluation.RunAsync(split.Name, table, embeddings, targets, garnet, settings, Progress, cancellationToken)
                .GetAwaiter().GetResult());
#pragma warning restore VSTHRD002
        }
        foreach (var size in parse.GetValue(o.SyntheticItems)!.Where(s => s > 0).Distinct().Order())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dimensions = parse.GetValue(o.SyntheticDimensions);
            var catalog = string.Create(CultureInfo.InvariantCulture, $"synthetic-{size}x{dimensions}");
            var (table, queries) = SyntheticCatalog.Create(size + 1, dimensions, clusters: Math.Max(1, size / 1000), queries: parse.GetValue(o.SyntheticQueries), seed: seed);
            using (table)
            using (queries)
            {
#pragma warning disable VSTHRD002 // As above: a command's action, with no SynchronizationContext to deadlock on.
                measurements.AddRange(AnnEvaluation.RunAsync(catalog, table, queries, targets: null, garnet, settings, Progress, cancellationToken)
                    .GetAwaiter().GetResult());
#pragma warning restore VSTHRD002
            }
        }

        var crossover = AnnCrossover.From(measurements, settings.RecallTarget);
        var crossoverItems = AnnCrossover.Interpolate(crossover);
        foreach (var m in measurements)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Catalog,-24} {m.Index,-6} {m.Setting,-50} recall@{m.K} {m.Recall:F3}  CPU {m.CpuPerQueryAt128,8:F1} µs/query@128  wall {m.PerQueryAt128,8:F1}  single p50 {m.SingleP50,7:F0} µs p99 {m.SingleP99,7:F0} µs"));
        }
        foreach (var c in crossover)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"crossover {c.Catalog,-24} exact {c.ExactPerQuery,8:F1} CPU µs/query, ivf {(c.IvfPerQuery is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "–"),8} µs/query ({c.IvfSetting ?? "target not reached"})"));
        }
        if (parse.GetValue(flags.Out) is { } folder)
        {
            var notes = string.Create(CultureInfo.InvariantCulture,
                $"Model {scoring.Metadata.Version} ({Path.GetFileName(parse.GetValue(flags.Model)!.FullName)}); queries: the session embeddings of {sample.Count:N0} test prefixes of {split.Name} " +
                $"(seeded sample, seed {seed}); synthetic catalogs: seeded, clustered (items/1000 clusters, log-normal norms), {parse.GetValue(o.SyntheticQueries):N0} queries each. " +
                $"CPU, torch threads {torch.get_num_threads()}, {Environment.ProcessorCount} cores{LoadAverage()}. Total wall time {wall.Elapsed.TotalSeconds:F0} s.");
            var report = AnnReport.Write(folder.FullName, measurements, crossover, crossoverItems, settings.RecallTarget, notes);
            Console.Error.WriteLine($"evaluate: wrote {report}");
        }
        if (parse.GetValue(flags.Json)) Console.WriteLine(AnnReport.ToJson(measurements, crossover, crossoverItems, settings.RecallTarget).ToJsonString());
        return 0;
    }

    /// <summary>The 1/5/15-minute load averages (Linux), because wall-clock latencies on a shared machine depend on them.</summary>
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path)) return "";
        var fields = File.ReadAllText(path).Split(' ');
        return fields.Length >= 3 ? $", load average at the end {fields[0]} / {fields[1]} / {fields[2]}" : "";
    }

    private static NextItemSplit LoadSplit(string name, DirectoryInfo data)
    {
        if (!OutcomeDatasets.Names.Contains(name)) return EvaluateCommand.LoadSplit(name, data);
        var (path, format, readOptions) = OutcomeDatasets.Source(name, data);
        return OutcomeDatasets.NextItem(name, OutcomeDatasets.Split(DatasetReader.Read(path, format, readOptions)), TrainingSets.Sha256OfFiles(path));
    }

    /// <summary>A seeded sample of <paramref name="count"/> cases, in their original order.</summary>
    private static List<NextItemCase> Sample(IReadOnlyList<NextItemCase> cases, int count, int seed)
    {
        if (count >= cases.Count) return [.. cases];
        var random = new Random(seed);
        var order = Enumerable.Range(0, cases.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return [.. order.Take(count).Order().Select(i => cases[i])];
    }
}
