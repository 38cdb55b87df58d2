using System.Text.Json;
using Confluent.Kafka;
using HdrHistogram;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Json;
using Journeys.Downstream;

namespace Journeys.Demo;

/// <summary>
/// Reads the decisions and dead-letter topics as a downstream service would (its own consumer group), counting what
/// arrived and keeping the latest decisions for display. Latency figures come from the decisions themselves.
/// The optional callbacks see every decision and dead letter (the end-to-end tests collect them this way).
/// </summary>
public sealed class DecisionWatcher : IDisposable
{
    private readonly OutputTail _tail;
    private readonly LongConcurrentHistogram _latencyMicros = new(1, 60_000_000, 3);
    private readonly Lock _gate = new();
    private readonly Queue<Decision> _latest = new();
    private readonly Dictionary<string, int> _deadLetterReasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recommendationReasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _guardrails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _firstRecommendations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _recommended = new(StringComparer.Ordinal);
    private Decision? _latestPriced;
    private long _decisions;
    private long _deadLetters;
    private long _badDecisions;

    private readonly Action<Decision>? _onDecision;
    private readonly Action<DeadLetter>? _onDeadLetter;

    public DecisionWatcher(string bootstrap, string decisionsTopic, string deadLetterTopic,
        Action<Decision>? onDecision = null, Action<DeadLetter>? onDeadLetter = null)
    {
        _onDecision = onDecision;
        _onDeadLetter = onDeadLetter;
        _tail = new OutputTail(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"journeys-demo-watcher-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }, decisionsTopic, deadLetterTopic, TimeSpan.FromMilliseconds(100), "demo-decision-watcher",
            r => OnDecision(r.Message.Value), r => OnDeadLetter(r.Message.Value));
    }

    public long Decisions => Interlocked.Read(ref _decisions);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Decisions that did not parse as the documented schema (should stay 0).</summary>
    public long BadDecisions => Interlocked.Read(ref _badDecisions);

    public double LatencyMs(double percentile) =>
        _latencyMicros.TotalCount == 0 ? 0 : _latencyMicros.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxLatencyMs => _latencyMicros.TotalCount == 0 ? 0 : _latencyMicros.GetMaxValue() / 1000.0;

    public IReadOnlyList<Decision> Latest()
    {
        lock (_gate)
        {
            return [.. _latest];
        }
    }

    /// <summary>How many recommendations carried each reason (model, co_view, co_purchase, trending, …).</summary>
    public IReadOnlyDictionary<string, int> RecommendationReasons()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_recommendationReasons);
        }
    }

    /// <summary>The lists' first items and distinct products, against a catalog of <paramref name="catalogProducts"/>.</summary>
    public DemoLists Lists(int catalogProducts)
    {
        lock (_gate)
        {
            var led = _firstRecommendations.Values.Sum();
            var (first, count) = _firstRecommendations.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => ((string?)f.Key, f.Value)).FirstOrDefault();
            return new DemoLists(first, led == 0 ? 0 : (double)count / led, _recommended.Count,
                catalogProducts == 0 ? 0 : (double)_recommended.Count / catalogProducts);
        }
    }

    /// <summary>Price offers by binding guardrail ("none" when the optimum was inside every bound).</summary>
    public IReadOnlyDictionary<string, int> Guardrails()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_guardrails);
        }
    }

    /// <summary>The latest decision that carried a price offer, if any.</summary>
    public Decision? LatestPriced()
    {
        lock (_gate)
        {
            return _latestPriced;
        }
    }

    public IReadOnlyDictionary<string, int> DeadLetterReasons()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_deadLetterReasons);
        }
    }

    private void OnDecision(byte[] value)
    {
        Decision? d;
        try
        {
            d = JsonSerializer.Deserialize(value, JourneysJsonContext.Default.Decision);
        }
        catch (JsonException)
        {
            d = null;
        }
        if (d is null)
        {
            Interlocked.Increment(ref _badDecisions);
            return;
        }
        _onDecision?.Invoke(d);
        _latencyMicros.RecordValue(Math.Clamp((long)(d.LatencyMs * 1000), 1, _latencyMicros.HighestTrackableValue));
        lock (_gate)
        {
            foreach (var r in d.Recommendations)
            {
                _recommendationReasons[r.Reason] = _recommendationReasons.GetValueOrDefault(r.Reason) + 1;
                _recommended.Add(r.ProductId);
            }
            if (d.Recommendations.Count > 0)
            {
                var first = d.Recommendations[0].ProductId;
                _firstRecommendations[first] = _firstRecommendations.GetValueOrDefault(first) + 1;
            }
            if (d.Price is { } price)
            {
                _guardrails[price.Guardrail] = _guardrails.GetValueOrDefault(price.Guardrail) + 1;
                _latestPriced = d;
            }
            _latest.Enqueue(d);
            if (_latest.Count > 8)
            {
                _latest.Dequeue();
            }
        }
        Interlocked.Increment(ref _decisions);
    }

    private void OnDeadLetter(byte[] value)
    {
        DeadLetter? letter;
        try
        {
            letter = JsonSerializer.Deserialize(value, JourneysJsonContext.Default.DeadLetter);
        }
        catch (JsonException)
        {
            letter = null;
        }
        if (letter is not null)
        {
            _onDeadLetter?.Invoke(letter);
        }
        var reason = letter?.Reason ?? "?";
        lock (_gate)
        {
            _deadLetterReasons[reason] = _deadLetterReasons.GetValueOrDefault(reason) + 1;
        }
        Interlocked.Increment(ref _deadLetters);
    }

    public void Dispose() => _tail.Dispose();
}
