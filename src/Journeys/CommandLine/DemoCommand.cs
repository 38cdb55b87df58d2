using System.CommandLine;
using Journeys.Demo;

namespace Journeys.CommandLine;

/// <summary><c>journeys demo</c>: the whole engine on embedded defaults, in one command.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var events = Flags.Positive("--events", "How many events to replay from the bundled real sample", 5000, 10_000_000);
        var json = new Option<bool>("--json") { Description = "Print a one-line JSON summary as the last line of stdout" };
        var rate = Flags.PositiveDouble("--rate", "A fixed number of events per second (default: the sample's own timing compressed to ≈ 1,000 events/s on average)");
        var burst = new Option<bool>("--burst") { Description = "Send the whole replay at once: latency then measures draining a backlog, not deciding one event" };
        var timeout = Flags.Positive("--timeout", "Seconds to wait for every decision after the replay's schedule ends before failing", 300, 86_400);
        var verbose = new Option<bool>("--verbose") { Description = "Also print the engine's logs (stderr)" };
        var http = Flags.Http();
        var hold = new Option<bool>("--hold") { Description = "After the summary, keep the engine and its HTTP surface running until Ctrl+C" };
        var command = new Command("demo", "Start an in-process broker and the engine, replay the bundled real sample, show decisions, summarize.")
        {
            events, json, rate, burst, timeout, verbose, http, hold,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(burst) && r.GetValue(rate) is not null)
            {
                r.AddError("--burst and --rate exclude each other: --burst sends everything at once, --rate R paces it at R events/s");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            // With --json, stdout carries only the result line; everything a person reads goes to stderr.
            var human = asJson ? Console.Error : Console.Out;
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(http) is { } urls) settings["Http:Urls"] = urls;
            var runner = new DemoRunner(parse.GetValue(events), parse.GetValue(rate), parse.GetValue(burst),
                TimeSpan.FromSeconds(parse.GetValue(timeout)), line => human.WriteLine(line), settings, parse.GetValue(verbose));
            var result = await runner.RunAsync(cancellationToken, async result =>
            {
                await human.WriteLineAsync(
                    $"""

                     Journeys demo: {result.Events} events → {result.Decisions} decisions, {result.DeadLetters} dead letters in {result.Elapsed.TotalSeconds:0.0} s ({result.EventsPerSecond:0} events/s)
                     {result.Pacing.Describe()}
                     latency (receive → producer): p50 {result.LatencyP50Ms:0.00} ms, p99 {result.LatencyP99Ms:0.00} ms, max {result.LatencyMaxMs:0.00} ms
                     model batches: {result.Batches}, size mean {result.BatchMean:0.0}, p50 {result.BatchP50}, p99 {result.BatchP99}, max {result.BatchMax}
                     live sessions: {result.LiveSessions}, managed memory per live session ≈ {result.ManagedBytesPerSession / 1024:0.0} KiB
                     model: {result.ModelVersion}
                    """);
                await human.WriteLineAsync($"  recommendations by reason: {string.Join(", ", result.RecommendationReasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))}");
                if (result.Lists is { } lists)
                {
                    await human.WriteLineAsync($"  recommendation lists: {lists.MostCommonFirstShare:P1} of them led by {lists.MostCommonFirst ?? "–"} (the most common first item); {lists.DistinctRecommended:N0} distinct products, {lists.Coverage:P1} of the catalog");
                }
                await human.WriteLineAsync($"  price offers by binding guardrail: {string.Join(", ", result.Guardrails.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"))}");
                if (result.SamplePriced is { Price: { } offer } sample)
                {
                    await human.WriteLineAsync($"  e.g. session {sample.SessionId} #{sample.Sequence}: {offer.ProductId} list {offer.ListPrice:0.00} → offer {offer.OfferPrice:0.00}, P(buy) {offer.ConversionAtOffer:0.000}, expected profit {offer.ExpectedProfit:0.00} ({offer.Guardrail}; {offer.Reason})");
                    await human.WriteLineAsync($"       recommendations: {string.Join(", ", sample.Recommendations.Take(5).Select(r => $"{r.ProductId} ({r.Reason})"))}");
                }
                foreach (var (reason, count) in result.DeadLetterReasons)
                {
                    await human.WriteLineAsync($"  dead letters {reason}: {count}");
                }
                if (asJson)
                {
                    Console.WriteLine(DemoJson.Write(result));
                }
            }, parse.GetValue(hold));
            return result.Decisions + result.DeadLetters == result.Events ? 0 : 1;
        });
        return command;
    }
}
