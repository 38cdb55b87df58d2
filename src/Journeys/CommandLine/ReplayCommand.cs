using System.CommandLine;
using Journeys.Ingest.Kafka;
using Journeys.Lab.Datasets;
using Journeys.Lab.Replay;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journeys.CommandLine;

/// <summary><c>journeys replay</c>: dataset rows → click events (stable eventIds) → Kafka, paced, with progress.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file")
        {
            Description = "Dataset file (.gz read directly)",
            Required = true,
            Validators = { r => { if (r.GetValueOrDefault<FileInfo>() is { Exists: false } f) r.AddError($"--file '{f.FullName}' does not exist"); } },
        };
        var format = new Option<string>("--format")
        {
            Description = $"Dataset format: {string.Join(" | ", DatasetFormats.Names)}",
            Required = true,
            Validators = { r => { if (!DatasetFormats.TryParse(r.GetValueOrDefault<string>(), out _)) r.AddError($"--format must be one of {string.Join(", ", DatasetFormats.Names)}"); } },
        };
        var categories = new Option<FileInfo?>("--categories") { Description = "diginetica-views only: product-categories.csv(.gz) to fill categoryId" };
        var bootstrap = Flags.Bootstrap(required: true);
        var topic = new Option<string>("--topic") { Description = "Topic to produce to", DefaultValueFactory = _ => new KafkaOptions().ClicksTopic };
        var rate = Flags.PositiveDouble("--rate", "Events per second (default: as fast as possible)");
        var speedup = Flags.PositiveDouble("--speedup", "Replay at recorded timing divided by X (idle gaps capped by --max-gap)");
        var maxGap = Flags.PositiveDouble("--max-gap", "With --speedup: longest wait between two events, in seconds (default 5)");
        var limit = new Option<long?>("--limit") { Description = "Send at most N events" };
        var command = new Command("replay", "Replay a dataset into Kafka as click events.")
        {
            file, format, categories, bootstrap, topic, rate, speedup, maxGap, limit,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(rate) is not null && r.GetValue(speedup) is not null)
            {
                r.AddError("--rate and --speedup exclude each other: choose one");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var pacing = parse.GetValue(rate) is { } r ? ReplayPacing.FixedRate(r)
                : parse.GetValue(speedup) is { } x ? ReplayPacing.Speedup(x, TimeSpan.FromSeconds(parse.GetValue(maxGap) ?? 5))
                : ReplayPacing.AsFastAsPossible;
            var events = DatasetReader.Read(parse.GetValue(file)!.FullName, DatasetFormats.Parse(parse.GetValue(format)),
                new DatasetReadOptions(parse.GetValue(categories)?.FullName));
            if (parse.GetValue(limit) is { } n)
            {
                events = events.Take((int)Math.Min(n, int.MaxValue));
            }

            var options = new KafkaOptions { BootstrapServers = parse.GetValue(bootstrap)! };
            using var publisher = new KafkaPublisher(options, NullLogger<KafkaPublisher>.Instance);
            var replayer = new KafkaReplayer(publisher, parse.GetValue(topic)!, TimeProvider.System);
            var tracker = new ReplayProgressTracker(TimeProvider.System, parse.GetValue(limit));
            var sent = await ProgressDisplay.RunAsync("replay", tracker,
                () => replayer.RunAsync(events, pacing, tracker, TimeSpan.FromSeconds(30), cancellationToken));
            Console.WriteLine($"sent {sent}, delivered {replayer.Delivered}, failed {replayer.Failed}" +
                (replayer.FirstError is { } e ? $" (first error: {e})" : ""));
            return replayer.Failed == 0 && replayer.Delivered == sent ? 0 : 1;
        });
        return command;
    }
}
