using System.Text;
using Journeys.Contracts.Events;

namespace Journeys.EndToEnd.Tests.Engine;

public sealed class DecisionFlowTests : IClassFixture<BrokerFixture>
{
    private readonly BrokerFixture _fixture;

    public DecisionFlowTests(BrokerFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("torch")]
    [InlineData("onnx")]
    public async Task Every_valid_event_gets_exactly_one_decision_in_session_order(string backend)
    {
        using var harness = new EngineHarness(_fixture.Broker);
        var events = Shoppers.Sessions(sessions: 500, eventsPerSession: 20, seed: 20261122);
        using var engine = harness.StartEngine(new() { ["Scoring:Backend"] = backend });

        foreach (var e in events)
        {
            harness.Produce(e);
        }
        harness.Flush();
        await Poll.Until(() => harness.Decisions.Count >= events.Count, TimeSpan.FromSeconds(180),
            () => $"{events.Count} decisions, have {harness.Decisions.Count} (dead letters {harness.DeadLetters.Count})");
        await Task.Delay(500);
        await engine.StopAsync();

        Assert.Empty(harness.DeadLetters);
        var decisions = harness.Decisions.ToList();
        Assert.Equal(events.Count, decisions.Count);
        Assert.Equal(events.Count, decisions.Select(d => d.EventId).Distinct().Count());
        var expected = events.GroupBy(e => e.SessionId).ToDictionary(g => g.Key, g => g.Select(e => e.EventId).ToList());
        foreach (var session in decisions.GroupBy(d => d.SessionId))
        {
            // Decisions of one session share its key, hence one partition, hence arrive in the order they were made.
            Assert.Equal(expected[session.Key], session.Select(d => d.EventId));
            Assert.Equal(Enumerable.Range(1, session.Count()), session.Select(d => d.Sequence));
        }
        Assert.All(decisions, d =>
        {
            var p = d.StageProbabilities;
            Assert.InRange(p.Awareness + p.Consideration + p.Intent + p.Purchase + p.Loyalty, 0.999, 1.001);
            Assert.InRange(d.ConversionProbability, 0, 1);
            Assert.InRange(d.FrictionScore, 0, 1);
            Assert.NotEmpty(d.Recommendations);
            // The bundled trained model when it is in the output, else the seeded one.
            Assert.Matches("^(trained-rees46-|untrained-seed)", d.ModelVersion);
            Assert.True(d.LatencyMs > 0);
        });
    }

    [Fact]
    public async Task Malformed_events_go_to_the_dead_letter_topic_with_their_reason_and_the_engine_keeps_deciding()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        using var engine = harness.StartEngine();
        var valid = Shoppers.Sessions(sessions: 10, eventsPerSession: 5, seed: 7, prefix: "ok");
        var duplicate = valid[0];
        var corpus = new (string Label, string? Key, byte[] Payload, string Reason)[]
        {
            ("json", "x", "{not json"u8.ToArray(), "invalid_json"),
            ("array", "x", "[1,2,3]"u8.ToArray(), "invalid_json"),
            ("missing", "x", """{"sessionId":"x","timestamp":1,"type":"page_view"}"""u8.ToArray(), "missing_field"),
            ("product", "x", """{"eventId":"m","sessionId":"x","timestamp":1,"type":"add_to_cart"}"""u8.ToArray(), "missing_field"),
            ("type", "x", """{"eventId":"t","sessionId":"x","timestamp":1,"type":"teleport"}"""u8.ToArray(), "unknown_type"),
            ("price", "x", """{"eventId":"p","sessionId":"x","timestamp":1,"type":"page_view","price":-1}"""u8.ToArray(), "invalid_value"),
            ("key", "someone-else", """{"eventId":"k","sessionId":"x","timestamp":1,"type":"page_view"}"""u8.ToArray(), "invalid_value"),
            ("large", "x", Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 70_000) + "\"}"), "payload_too_large"),
        };

        foreach (var e in valid.Take(25))
        {
            harness.Produce(e);
        }
        foreach (var (label, key, payload, _) in corpus)
        {
            harness.ProduceRaw(key, payload, label);
        }
        harness.ProduceRaw(duplicate.SessionId, ClickEventCodec.Encode(duplicate), "duplicate");
        foreach (var e in valid.Skip(25))
        {
            harness.Produce(e);
        }
        harness.Flush();

        await Poll.Until(() => harness.Decisions.Count >= valid.Count && harness.DeadLetters.Count >= corpus.Length + 1,
            TimeSpan.FromSeconds(60), () => $"{valid.Count} decisions and {corpus.Length + 1} dead letters, have {harness.Decisions.Count} and {harness.DeadLetters.Count}");
        await engine.StopAsync();

        Assert.Equal(valid.Select(e => e.EventId).Order(), harness.Decisions.Select(d => d.EventId).Order());
        var letters = harness.DeadLetters.ToDictionary(d => (d.Partition, d.Offset));
        foreach (var (label, key, payload, reason) in corpus)
        {
            var at = harness.Produced[label];
            var letter = letters[(at.Partition.Value, at.Offset.Value)];
            Assert.Equal(reason, letter.Reason);
            Assert.Equal(harness.Clicks, letter.Topic);
            Assert.Equal(key, letter.Key);
            Assert.Equal(payload, Convert.FromBase64String(letter.PayloadBase64));
            Assert.False(string.IsNullOrWhiteSpace(letter.Detail));
        }
        var dup = harness.Produced["duplicate"];
        Assert.Equal("duplicate_event", letters[(dup.Partition.Value, dup.Offset.Value)].Reason);
    }

    [Fact]
    public async Task Restarting_the_engine_mid_stream_leaves_no_event_undecided_and_commits_never_run_ahead()
    {
        using var harness = new EngineHarness(_fixture.Broker);
        var events = Shoppers.Sessions(sessions: 200, eventsPerSession: 20, seed: 99);
        foreach (var e in events)
        {
            harness.Produce(e);
        }
        harness.Flush();

        var first = harness.StartEngine();
        await Poll.Until(() => harness.Decisions.Count >= 1000, TimeSpan.FromSeconds(60),
            () => $"1000 decisions before the restart, have {harness.Decisions.Count}");
        await first.StopAsync();
        first.Dispose();

        // Every offset below a committed offset must have its decision on the decisions topic already.
        var committed = harness.CommittedOffsets();
        await Task.Delay(500);
        var decided = harness.Decisions.Select(d => d.EventId).ToHashSet();
        foreach (var e in events)
        {
            var at = harness.Produced[e.EventId];
            if (committed.TryGetValue(at.Partition.Value, out var c) && c >= 0 && at.Offset.Value < c)
            {
                Assert.True(decided.Contains(e.EventId), $"{e.EventId} at {at} is below committed offset {c} but was never decided");
            }
        }
        Assert.True(committed.Values.Sum(c => Math.Max(0, c)) > 0, "the first engine committed nothing");

        using var second = harness.StartEngine();
        await Poll.Until(() => events.All(e => harness.Decisions.Any(d => d.EventId == e.EventId)) ||
                                            harness.Decisions.Select(d => d.EventId).Distinct().Count() >= events.Count,
            TimeSpan.FromSeconds(120), () => $"every event decided, have {harness.Decisions.Select(d => d.EventId).Distinct().Count()} of {events.Count}");
        await second.StopAsync();

        var all = harness.Decisions.Select(d => d.EventId).ToHashSet();
        Assert.All(events, e => Assert.Contains(e.EventId, all));
        Assert.Empty(harness.DeadLetters);
    }
}
