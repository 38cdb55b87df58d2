using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Journeys.Contracts.Events;
using Journeys.Engine;
using Journeys.Ingest.Kafka;
using Journeys.Ingest.Offsets;
using Journeys.SessionActors.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journeys.EndToEnd.Tests.Engine;

/// <summary>The stage that tells clicks to their sessions: its in-flight bound, its reply timeout, refused clicks.</summary>
public sealed class SessionDispatchTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ActorSystem _system = ActorSystem.Create($"dispatch-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<ApplyEvent> _told = new();
    private readonly FakePublisher _publisher = new();
    private readonly PartitionWatermark _watermark = new("journeys.clicks", 0);

    public SessionDispatchTests() => _watermark.BeginEpoch();

    public void Dispose() => _system.Dispose();

    [Fact]
    public async Task At_most_max_in_flight_clicks_are_out_with_sessions_and_each_answer_lets_one_more_go()
    {
        var (completion, _) = Run(Clicks(5), maxInFlight: 2, TimeSpan.FromMinutes(1));

        await Poll.Until(() => _told.Count == 2, Timeout, () => $"{_told.Count} of 2 clicks told to sessions");
        await Task.Delay(200);
        Assert.Equal(2, _told.Count);

        Answer(1);
        await Poll.Until(() => _told.Count == 3, Timeout, () => $"{_told.Count} of 3 clicks told to sessions");
        await Task.Delay(200);
        Assert.Equal(3, _told.Count);
        await Poll.Until(() =>
        {
            Answer(int.MaxValue);
            return _told.Count == 5;
        }, Timeout, () => $"{_told.Count} of 5 clicks told to sessions");
        Answer(int.MaxValue);
        await completion.WaitAsync(Timeout);

        Assert.Equal(5, _told.Count);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], _told.Select(a => a.Event.EventId));
    }

    [Fact]
    public async Task A_click_no_session_answers_within_the_reply_timeout_fails_the_stream()
    {
        var (completion, _) = Run(Clicks(1), maxInFlight: 10, TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => completion.WaitAsync(Timeout));

        Assert.Contains("Sessions:ReplyTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_click_is_dead_lettered_without_reaching_a_session()
    {
        var records = new[] { Record(0, "not json"u8.ToArray(), "s-1"), Record(1, Click("e1"), "s-1") };
        var (completion, _) = Run(records, maxInFlight: 10, TimeSpan.FromMinutes(1));

        await Poll.Until(() => _told.Count == 1, Timeout, () => $"{_told.Count} of 1 click told to a session");
        Answer(1);
        await completion.WaitAsync(Timeout);

        Assert.Equal("e1", Assert.Single(_told).Event.EventId);
        Assert.Equal("journeys.clicks.dlq", Assert.Single(_publisher.Topics));
        Assert.True(records[0].IsCompleted);
    }

    private (Task Completion, DecisionPipeline Pipeline) Run(IReadOnlyList<ConsumedRecord> records, int maxInFlight, TimeSpan replyTimeout)
    {
        var region = _system.ActorOf(Props.Create(() => new Recorder(_told)));
        var pipeline = new DecisionPipeline(new KafkaOptions { BootstrapServers = "in-process" }, new EngineOptions { MaxInFlight = maxInFlight },
            new SessionOptions { ReplyTimeout = replyTimeout }, region, _publisher, new EngineCounters(), new Reachable(), NullLogger.Instance);
        var completion = Source.From(records)
            .Select(record => new AcceptedClick(record, ClickEventCodec.Decode(record.Value) is { IsValid: true } d ? d.Event : null,
                Contracts.DeadLetters.DeadLetterReason.InvalidJson, "not json"))
            .RunWith(new SessionDispatch(pipeline, region, maxInFlight, replyTimeout, new Reachable()), _system.Materializer());
        return (completion, pipeline);
    }

    /// <summary>The session's answer to the n-th click told so far (as a session publishes its decision).</summary>
    private void Answer(int count)
    {
        foreach (var apply in _told.Take(count).Where(a => a.ReplyTo is RecordReply { IsHanded: false }))
        {
            apply.ReplyTo!.OnReply(new EventAlreadyApplied(apply.Event.EventId));
            apply.ReplyTo.OnStateDurable();
        }
    }

    private ConsumedRecord[] Clicks(int n) => [.. Enumerable.Range(1, n).Select(i => Record(i - 1, Click($"e{i}"), "s-1"))];

    private static byte[] Click(string id) =>
        ClickEventCodec.Encode(new ClickEvent(id, "s-1", null, DateTimeOffset.UnixEpoch, ClickType.PageView));

    private ConsumedRecord Record(long offset, byte[] value, string key)
    {
        var sequence = _watermark.Register(offset);
        var record = new ConsumedRecord("journeys.clicks", 0, offset, key, value, null, _watermark, _watermark.Epoch, sequence,
            System.Diagnostics.Stopwatch.GetTimestamp());
        record.TryEmit();
        return record;
    }

    private sealed class Reachable : Journeys.SessionActors.State.IStateAvailability
    {
        public bool WaitingForStore => false;

        public long StoreReachableSince => 0;
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(ConcurrentQueue<ApplyEvent> told) => Receive<ApplyEvent>(told.Enqueue);
    }

    private sealed class FakePublisher : IRecordPublisher
    {
        public ConcurrentQueue<string> Topics { get; } = new();

        public event Action<Error>? FatalError
        {
            add { }
            remove { }
        }

        public void PublishResult(string topic, string? key, byte[] value, ConsumedRecord? origin, Action<Error?> onDelivered)
        {
            Topics.Enqueue(topic);
            onDelivered(null);
        }

        public int Flush(TimeSpan timeout) => 0;

        public void Dispose()
        {
        }
    }
}
