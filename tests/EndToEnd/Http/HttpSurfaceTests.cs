using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Contracts.Json;

namespace Journeys.EndToEnd.Tests.Http;

/// <summary>
/// The HTTP surface of a `journeys serve` process, read as an operator and a downstream service would: health for an
/// orchestrator, Prometheus metrics while events flow, and a session's latest decision on request.
/// </summary>
public sealed partial class HttpSurfaceTests : IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly BrokerFixture _fixture;

    public HttpSurfaceTests(BrokerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Health_metrics_and_decisions_answer_for_what_the_engine_did()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        using var engine = ServeProcess.Start(harness, new Dictionary<string, string>
        {
            ["JOURNEYS__Http__Urls"] = url,
            ["JOURNEYS__State__Durability"] = "none",
        });
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            // Alive as soon as it listens; not ready while the engine warms up and waits for its assignment.
            await Poll.Until(async () => await StatusAsync(http, "/health/live") == HttpStatusCode.OK, Patience, () => "/health/live answering 200");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(http, "/health/ready"));
            await Poll.Until(async () => await StatusAsync(http, "/health/ready") == HttpStatusCode.OK, Patience, () => "/health/ready answering 200");
            Assert.Equal(0, Metric(await ScrapeAsync(http), "journeys_events_received_total"));
            // The dashboard answers before any event, with nothing recommended yet; it loads nothing from elsewhere.
            using (var page = await http.GetAsync(new Uri("/", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
                Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            }
            Assert.Contains("\"products\":[]", await http.GetStringAsync(new Uri("/dashboard/top-products.json", UriKind.Relative)), StringComparison.Ordinal);

            var t = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
            var events = Enumerable.Range(0, 30).Select(i => new ClickEvent($"h-{i}", $"hs-{i % 6}", null, t.AddSeconds(i), ClickType.ProductView, $"p-{i % 9}")).ToList();
            // Stamped with their send time as a load generator does: the end-to-end histogram counts them.
            foreach (var e in events) harness.Produce(e, SentNow());
            harness.ProduceRaw("bad", "{\"not\":\"a click\"}"u8.ToArray(), "bad-0");
            harness.ProduceRaw("bad", "{\"not\":\"a click\"}"u8.ToArray(), "bad-1");
            harness.Flush();
            string metrics = "";
            await Poll.Until(async () =>
            {
                metrics = await ScrapeAsync(http);
                return Metric(metrics, "journeys_decisions_total") == 30 && Metric(metrics, "journeys_dead_letters_total") == 2;
            }, Patience, () => $"30 decisions and 2 dead letters counted; scraped:\n{metrics}");

            // Counters rise by exactly what was sent; the latency histogram holds every decision.
            Assert.Equal(32, Metric(metrics, "journeys_events_received_total"));
            Assert.Equal(30, Metric(metrics, "journeys_decision_duration_seconds_count"));
            Assert.Equal(30, Metric(metrics, "journeys_decision_end_to_end_duration_seconds_count"));
            // What the decisions said: a stage each, a conversion and friction figure each, recommendations with reasons.
            Assert.Equal(30, Metric(metrics, "journeys_decision_stages_total"));
            Assert.Equal(30, Metric(metrics, "journeys_decision_conversion_count"));
            Assert.Equal(30, Metric(metrics, "journeys_decision_friction_count"));
            Assert.Matches(@"journeys_recommendations_total\{[^}]*reason=""[a-z_]+""[^}]*\} [1-9]", metrics);
            Assert.Matches(@"journeys_dead_letters_total\{[^}]*reason=""[a-z_]+""[^}]*\} 2", metrics);
            Assert.Equal(EngineHarness.Partitions, Metric(metrics, "journeys_partitions_assigned"));
            // The model ran a step per decision (and its warm-up's); the catalog view in use has an age.
            Assert.True(Metric(metrics, "journeys_model_steps_total") >= 30, metrics);
            Assert.True(Metric(metrics, "journeys_model_batches_total") >= 1, metrics);
            // Six sessions started with no state anywhere and are alive; their state went to Garnet.
            Assert.Equal(6, Metric(metrics, "journeys_sessions_live"));
            Assert.Matches(@"journeys_sessions_started_total\{[^}]*state=""none""[^}]*\} 6", metrics);
            // Snapshots are written behind the decisions: wait for them.
            await Poll.Until(async () =>
            {
                metrics = await ScrapeAsync(http);
                return Metric(metrics, "journeys_state_writes_total") >= 6 && Metric(metrics, "journeys_state_write_duration_seconds_count") >= 1;
            }, Patience, () => $"session snapshots written; scraped:\n{metrics}");
            // Every record decided or dead-lettered is committed: the committed offsets add up to the 32 records, no lag.
            await Poll.Until(async () =>
            {
                metrics = await ScrapeAsync(http);
                return Metric(metrics, "journeys_kafka_committed_offset") == 32 && metrics.Contains("journeys_kafka_consumer_lag", StringComparison.Ordinal)
                    && Metric(metrics, "journeys_kafka_consumer_lag") == 0;
            }, Patience, () => $"32 records committed and no lag; scraped:\n{metrics}");
            Assert.Matches(@"journeys_view_age_seconds\{[^}]*view=""catalog""[^}]*\} [0-9.eE+-]+", metrics);

            // Every series the compose file's Grafana dashboard plots exists (those counting rare events once they happened).
            var dashboard = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "docker", "grafana", "dashboards", "journeys.json"));
            string[] rare = ["journeys_sessions_passivated_total", "journeys_state_write_errors_total", "journeys_state_writes_fenced_total", "journeys_kafka_errors_total", "journeys_price_offers_total"];
            var exported = metrics.Split('\n').Select(line => SampleLine().Match(line)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToHashSet();
            foreach (var series in DashboardSeries().Matches(dashboard).Select(m => m.Value).Distinct())
            {
                Assert.True(exported.Contains(series) || rare.Contains(series), $"the dashboard plots {series}, which /metrics does not export");
            }

            // The latest decision of a session, as the topic has it.
            await Poll.Until(() => harness.Decisions.Count(d => d.SessionId == "hs-5") == 5, Patience, () => "hs-5's five decisions on the topic");
            var last = harness.Decisions.Where(d => d.SessionId == "hs-5").MaxBy(d => d.Sequence)!;
            var answered = await http.GetAsync(new Uri("/sessions/hs-5/decision", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.Equal("application/json", answered.Content.Headers.ContentType?.MediaType);
            var decision = JsonSerializer.Deserialize(await answered.Content.ReadAsByteArrayAsync(), JourneysJsonContext.Default.Decision)!;
            Assert.Equal(Json(last), Json(decision));

            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, "/sessions/no-such-session/decision"));
            Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(http, $"/sessions/{new string('x', ClickEventCodec.MaxIdLength + 1)}/decision"));
            // Read-only: nothing else is served.
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync(new Uri("/sessions/hs-5/decision", UriKind.Relative), null)).StatusCode);
        }
        finally
        {
            engine.Kill();
        }
    }

    private static Confluent.Kafka.Headers SentNow()
    {
        var micros = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        return new Confluent.Kafka.Headers { { Journeys.Ingest.Kafka.ConsumedRecord.SentAtHeader, System.Text.Encoding.ASCII.GetBytes(micros.ToString(CultureInfo.InvariantCulture)) } };
    }

    private static string Json(Decision d) => JsonSerializer.Serialize(d, JourneysJsonContext.Default.Decision);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    private static Task<string> ScrapeAsync(HttpClient http) => http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    /// <summary>The sum of a metric's samples (all label sets), 0 when absent.</summary>
    private static double Metric(string scrape, string name) =>
        scrape.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == name)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>[^ ]+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"journeys_[a-z_]+")]
    private static partial Regex DashboardSeries();

}
