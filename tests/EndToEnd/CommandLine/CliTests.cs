using System.Diagnostics;
using System.Text.Json;

namespace Journeys.EndToEnd.Tests.CommandLine;

/// <summary>The `journeys` executable as a user runs it: a child process, its exit code and its output.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Demo_decides_every_event_of_the_bundled_sample_and_ends_with_a_json_summary()
    {
        var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(4), "demo", "--events", "2000", "--json");

        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var last = stdout.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        Assert.Equal(2000, root.GetProperty("events").GetInt64());
        Assert.Equal(2000, root.GetProperty("decisions").GetInt64() + root.GetProperty("deadLetters").GetInt64());
        Assert.True(root.GetProperty("decisions").GetInt64() > 1900, last);
        var latency = root.GetProperty("latencyMs");
        Assert.True(latency.GetProperty("p50").GetDouble() > 0);
        Assert.True(latency.GetProperty("p99").GetDouble() >= latency.GetProperty("p50").GetDouble());
        Assert.True(latency.GetProperty("max").GetDouble() >= latency.GetProperty("p99").GetDouble());
    }

    [Fact]
    public async Task Demo_paces_the_sample_by_its_own_timing_by_default_and_names_the_mode_in_its_json_summary()
    {
        var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(4), "demo", "--events", "300", "--json");

        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var last = stdout.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        Assert.Equal("paced", root.GetProperty("mode").GetString());
        Assert.InRange(root.GetProperty("offeredRate").GetDouble(), 990, 1010);
        Assert.Equal(300, root.GetProperty("decisions").GetInt64() + root.GetProperty("deadLetters").GetInt64());
        Assert.Contains("paced: sample timing compressed", stderr, StringComparison.Ordinal);
        var lists = root.GetProperty("recommendationLists");
        Assert.InRange(lists.GetProperty("mostCommonFirstShare").GetDouble(), 1e-9, 1);
        Assert.False(string.IsNullOrEmpty(lists.GetProperty("mostCommonFirst").GetString()));
        Assert.True(lists.GetProperty("distinctRecommended").GetInt32() > 1);
        Assert.InRange(lists.GetProperty("coverage").GetDouble(), 1e-9, 1);
        Assert.Contains("of them led by", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_with_burst_sends_the_whole_replay_at_once_and_offers_no_rate()
    {
        var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(4), "demo", "--events", "300", "--burst", "--json");

        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        var last = stdout.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        Assert.Equal("burst", root.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("offeredRate").ValueKind);
        Assert.Equal(300, root.GetProperty("decisions").GetInt64() + root.GetProperty("deadLetters").GetInt64());
        Assert.Contains("burst: the whole replay at once (latency measures draining a backlog)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loadtest_measures_every_decision_end_to_end_and_writes_its_charts()
    {
        await WithChartFolder(async charts =>
        {
            var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(3), "loadtest", "--rate", "200", "--duration", "4",
                "--warmup", "1", "--sessions", "300", "--json", "--out", charts);

            Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
            using var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
            var root = json.RootElement;
            Assert.Equal(200, root.GetProperty("rate").GetDouble());
            Assert.Equal(800, root.GetProperty("events").GetInt64());
            Assert.Equal(800, root.GetProperty("decisions").GetInt64());
            var latency = root.GetProperty("latencyMs");
            Assert.True(latency.GetProperty("p50").GetDouble() > 0);
            Assert.True(latency.GetProperty("p999").GetDouble() >= latency.GetProperty("p99").GetDouble());
            Assert.True(root.GetProperty("batch").GetProperty("mean").GetDouble() >= 1);
            Assert.True(root.GetProperty("rssMb").GetDouble() > 0);
            Assert.Equal("broker", root.GetProperty("mode").GetString());
            Assert.True(root.GetProperty("engineLatencyMs").GetProperty("p99").GetDouble() > 0);
            Assert.True(root.GetProperty("endToEndLatencyMs").GetProperty("p99").GetDouble() > 0);
            Assert.True(root.GetProperty("cpuMicrosPerEvent").GetDouble() > 0);
            Assert.True(root.GetProperty("allocatedBytesPerEvent").GetDouble() > 0);
            Assert.True(root.GetProperty("liveSessions").GetInt32() > 0);
            Assert.Equal(4, Directory.GetFiles(charts, "*.png").Length);
        });
    }

    [Fact]
    public async Task Loadtest_without_a_broker_reports_the_engines_own_latency_cost_and_allocations()
    {
        await WithChartFolder(async charts =>
        {
            var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(3), "loadtest", "--no-broker", "--rate", "300",
                "--duration", "4", "--warmup", "1", "--sessions", "300", "--backend", "onnx", "--json", "--out", charts);

            Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
            using var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
            var root = json.RootElement;
            Assert.Equal("no-broker", root.GetProperty("mode").GetString());
            Assert.Equal("onnx", root.GetProperty("backend").GetString());
            Assert.Equal(1200, root.GetProperty("events").GetInt64());
            Assert.Equal(1200, root.GetProperty("decisions").GetInt64());
            Assert.True(root.GetProperty("keptUp").GetBoolean());
            Assert.True(root.GetProperty("decisionsPerSecond").GetDouble() > 0);
            var latency = root.GetProperty("latencyMs");
            Assert.True(latency.GetProperty("p50").GetDouble() > 0);
            Assert.True(latency.GetProperty("p999").GetDouble() >= latency.GetProperty("p99").GetDouble());
            Assert.Equal(latency.GetProperty("p99").GetDouble(), root.GetProperty("engineLatencyMs").GetProperty("p99").GetDouble());
            Assert.True(root.GetProperty("cpuMicrosPerEvent").GetDouble() > 0);
            Assert.True(root.GetProperty("allocatedBytesPerEvent").GetDouble() > 0);
            Assert.True(root.GetProperty("liveSessions").GetInt32() > 0);
            var stages = root.GetProperty("cost").GetProperty("cpuMicrosPerEventByStage");
            foreach (var stage in new[] { "consume", "decode", "route", "sessionActor", "batcherModel", "retrieval", "advice", "encode", "produce", "stateWrites", "views", "other", "harness" })
            {
                Assert.True(stages.TryGetProperty(stage, out _), $"no {stage} in the CPU breakdown");
            }
            Assert.True(stages.GetProperty("batcherModel").GetDouble() > 0);
            Assert.Equal(4, Directory.GetFiles(charts, "*.png").Length);
        });
    }

    /// <summary>Runs <paramref name="test"/> with a fresh folder for a load test's charts, removed afterwards.</summary>
    private static async Task WithChartFolder(Func<string, Task> test)
    {
        var charts = Path.Combine(Path.GetTempPath(), $"journeys-lt-{Guid.NewGuid():N}");
        try
        {
            await test(charts);
        }
        finally
        {
            if (Directory.Exists(charts))
            {
                Directory.Delete(charts, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Loadtest_memory_reports_bytes_per_session_and_the_time_to_start_them()
    {
        var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(3), "loadtest", "--memory", "--sessions", "3000",
            "--json", "--out", Path.Combine(Path.GetTempPath(), $"journeys-mem-{Guid.NewGuid():N}"));

        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        using var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.Equal(3000, root.GetProperty("liveSessions").GetInt32());
        Assert.True(root.GetProperty("bytesPerSession").GetDouble() > 0);
        Assert.True(root.GetProperty("startSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Catalog_refuses_a_feed_with_a_bad_row_listing_it_by_line_and_publishes_a_good_one_to_the_topic()
    {
        using var fixture = new BrokerFixture();
        var topic = $"catalog-{Guid.NewGuid():N}";
        fixture.Broker.CreateTopic(topic, 1);
        var folder = Directory.CreateTempSubdirectory("journeys-catalog-").FullName;
        try
        {
            var bad = Path.Combine(folder, "bad.csv");
            await File.WriteAllTextAsync(bad, "productId,listPrice,cost,stock\np-1,10,6,3\np-2,-4,,\n");
            var good = Path.Combine(folder, "good.csv");
            await File.WriteAllTextAsync(good, "productId,categoryId,listPrice,cost,stock\np-1,c-1,10,6,3\np-2,c-1,20,,\np-3,,,,0\n");

            var refused = await JourneysCli.RunAsync(TimeSpan.FromMinutes(1), "catalog", "--file", bad, "--bootstrap", fixture.Broker.BootstrapServers, "--topic", topic);
            var loaded = await JourneysCli.RunAsync(TimeSpan.FromMinutes(1), "catalog", "--file", good, "--bootstrap", fixture.Broker.BootstrapServers, "--topic", topic);

            Assert.Equal(2, refused.Code);
            Assert.Contains("line 3: listPrice must be a positive number", refused.Err, StringComparison.Ordinal);
            Assert.True(loaded.Code == 0, $"exit {loaded.Code}; stderr: {loaded.Err}");
            Assert.Contains("3 products published", loaded.Out, StringComparison.Ordinal);
            using var consumer = new Confluent.Kafka.ConsumerBuilder<string, byte[]>(new Confluent.Kafka.ConsumerConfig
            {
                BootstrapServers = fixture.Broker.BootstrapServers,
                GroupId = $"check-{Guid.NewGuid():N}",
                AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
            }).Build();
            consumer.Subscribe(topic);
            var keys = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (keys.Count < 3 && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
                {
                    keys.Add(record.Message.Key);
                }
            }
            // Only the good file's rows: the refused file published nothing.
            Assert.Equal(["p-1", "p-2", "p-3"], keys);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Evaluate_on_a_dataset_with_purchases_adds_conversion_and_friction_beside_the_next_item_results()
    {
        var model = Path.Combine(AppContext.BaseDirectory, "data", "models", "rees46-demo.jrnm");

        var (code, stdout, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(3), "evaluate", "--model", model, "--dataset", "rees46",
            "--baselines", "pop", "spop", "--json");

        Assert.True(code == 0, $"exit {code}; stderr: {stderr}");
        using var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.Equal("rees46", root.GetProperty("dataset").GetString());
        Assert.True(root.GetProperty("testCases").GetInt32() > 0);
        Assert.InRange(root.GetProperty("model").GetProperty("hr@20").GetDouble(), 0, 1);
        Assert.True(root.GetProperty("baselines").TryGetProperty("spop", out _));
        foreach (var task in new[] { "conversion", "friction" })
        {
            var section = root.GetProperty(task);
            Assert.InRange(section.GetProperty("auc").GetDouble(), 0, 1);
            Assert.InRange(section.GetProperty("baselineAuc").GetDouble(), 0, 1);
            Assert.True(section.GetProperty("logloss").GetDouble() > 0);
        }
    }

    [Theory]
    [InlineData("loadtest --ramp --compare-batch-max-1", "exclude each other")]
    [InlineData("loadtest --bootstrap 127.0.0.1:9092 --batch-max 1", "cannot change an engine at --bootstrap")]
    [InlineData("loadtest --no-broker --bootstrap 127.0.0.1:9092", "choose one")]
    [InlineData("loadtest --no-broker --set Scoring:MaxBatch", "write KEY=VALUE")]
    [InlineData("loadtest --bootstrap 127.0.0.1:9092 --backend onnx", "configure the in-process engine")]
    [InlineData("loadtest --compare-backends --backend onnx", "drop --backend")]
    [InlineData("serve --backend tensorrt", "tensorrt")]
    [InlineData("demo --events 0", "--events must be between 1")]
    [InlineData("demo --burst --rate 10", "--burst and --rate exclude each other")]
    [InlineData("replay --file /nonexistent.csv --format rees46 --bootstrap 127.0.0.1:9092", "does not exist")]
    [InlineData("replay --file journeys.dll --format csv --bootstrap 127.0.0.1:9092", "--format must be one of")]
    [InlineData("serve --bootstrap not-a-host", "is not host:port")]
    [InlineData("broker --port 70000", "--port must be between 0 and 65535")]
    [InlineData("catalog --file /nonexistent.csv --bootstrap 127.0.0.1:9092", "does not exist")]
    [InlineData("catalog --file journeys.dll", "--bootstrap")]
    [InlineData("evaluate --task forecasting", "--task must be one of")]
    [InlineData("train --dataset diginetica-srgnn --chronological -1", "--chronological must be 0 (one random order)")]
    [InlineData("train --dataset diginetica-srgnn --average-epochs 0", "--average-epochs must be between 1 and 100")]
    [InlineData("erase --session a --user b", "give exactly one of --session S or --user U")]
    [InlineData("erase --session a", "no Garnet to erase from")]
    public async Task A_bad_flag_stops_start_up_with_a_message_naming_it(string args, string message)
    {
        var (code, _, stderr) = await JourneysCli.RunAsync(TimeSpan.FromMinutes(1), args.Split(' '));

        Assert.NotEqual(0, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("loadtest --rate 10")]
    [InlineData("demo --burst")]
    [InlineData("demo --rate 500")]
    [InlineData("loadtest --memory --sessions 1000")]
    [InlineData("loadtest --duration 3 --warmup 2")]
    public void Flags_left_at_their_defaults_pass_validation(string args)
    {
        var result = global::Journeys.CommandLine.JourneysCommandLine.Create().Parse(args);

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("loadtest --duration 3", "--warmup must be shorter")]
    [InlineData("loadtest --memory --ramp", "--memory measures an in-process engine")]
    public void Flags_that_contradict_defaults_or_each_other_are_refused(string args, string message)
    {
        var result = global::Journeys.CommandLine.JourneysCommandLine.Create().Parse(args);

        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_configuration_value_stops_serve_with_a_message_naming_the_key()
    {
        var info = JourneysCli.StartInfo("serve", "--bootstrap", "127.0.0.1:1");
        info.Environment["JOURNEYS__Engine__MaxInFlight"] = "0";
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        Assert.Equal(2, p.ExitCode);
        Assert.Contains("Engine:MaxInFlight", await stderr + await stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_by_user_deletes_the_users_sessions_keeps_a_record_and_the_running_engine_forgets_them()
    {
        using var broker = global::Journeys.Ingest.Broker.EmbeddedKafkaBroker.Start();
        using var harness = new EngineHarness(broker);
        using var garnet = global::Journeys.SessionActors.State.EmbeddedGarnet.Start();
        var prefix = $"erase-{Guid.NewGuid():N}"[..16];
        using var engine = harness.StartEngine(new() { ["State:Garnet"] = garnet.Endpoint, ["State:KeyPrefix"] = prefix });
        using var store = new global::Journeys.SessionActors.State.GarnetSessionStore(garnet.Endpoint, null, prefix, TimeSpan.FromMinutes(30));
        // Shoppers gives session k-s the user u-s: u-3's one session, and others that must stay.
        var events = Shoppers.Sessions(sessions: 6, eventsPerSession: 5, seed: 3, prefix: "k");
        foreach (var e in events)
        {
            harness.Produce(e);
        }
        harness.Flush();
        await Poll.Until(async () => harness.Decisions.Count >= events.Count
                && (await store.LoadAsync("k-3", CancellationToken.None))?.Sequence == 5
                && (await store.LoadAsync("k-4", CancellationToken.None))?.Sequence == 5,
            TimeSpan.FromSeconds(60), () => "decisions and snapshots");

        var info = JourneysCli.StartInfo("erase", "--user", "u-3", "--garnet", garnet.Endpoint);
        info.Environment["JOURNEYS__State__KeyPrefix"] = prefix;
        using (var p = Process.Start(info)!)
        {
            var stdout = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
            Assert.Equal(0, p.ExitCode);
            Assert.Contains("erased user u-3: 1 session(s): k-3", stdout, StringComparison.Ordinal);
        }

        Assert.Null(await store.LoadAsync("k-3", CancellationToken.None));
        Assert.Null(await store.LatestDecisionAsync("k-3"));
        Assert.NotNull(await store.ErasureAsync("user", "u-3"));
        Assert.Equal(5, (await store.LoadAsync("k-4", CancellationToken.None))?.Sequence);
        // The live session in the engine forgot its past too: its next event is the first of a new session.
        harness.Produce(events[^1] with { EventId = "k-3-after-erase", SessionId = "k-3", UserId = "u-3" });
        harness.Flush();
        await Poll.Until(() => harness.Decisions.Any(d => d.EventId == "k-3-after-erase"), TimeSpan.FromSeconds(30), () => "the decision after the erase");
        Assert.Equal(1, harness.Decisions.Single(d => d.EventId == "k-3-after-erase").Sequence);
        await engine.StopAsync();
    }

    [Fact]
    public async Task Broker_prints_its_bootstrap_address_on_the_first_line()
    {
        using var p = Process.Start(JourneysCli.StartInfo("broker", "--partitions", "2"))!;
        try
        {
            var first = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Matches(@"^bootstrap: 127\.0\.0\.1:\d+$", first);
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }
}
