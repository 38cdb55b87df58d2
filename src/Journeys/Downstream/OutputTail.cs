using Confluent.Kafka;

namespace Journeys.Downstream;

/// <summary>
/// Follows the engine's output, the decisions and dead-letter topics, as a downstream service would: its own throw-away
/// consumer group, no commits, and one dedicated thread (Consume blocks; it must not hold a thread-pool thread). Each
/// record goes to <c>onDecision</c> or <c>onDeadLetter</c> by topic. Used by the demo's watcher and the load test's
/// latency probe.
/// </summary>
internal sealed class OutputTail : IDisposable
{
    private readonly IConsumer<string?, byte[]> _consumer;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _decisionsTopic;
    private readonly TimeSpan _poll;
    private readonly Action<ConsumeResult<string?, byte[]>> _onDecision;
    private readonly Action<ConsumeResult<string?, byte[]>> _onDeadLetter;

    public OutputTail(ConsumerConfig config, string decisionsTopic, string deadLetterTopic, TimeSpan poll, string threadName,
        Action<ConsumeResult<string?, byte[]>> onDecision, Action<ConsumeResult<string?, byte[]>> onDeadLetter)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.EnableAutoCommit = false;
        _decisionsTopic = decisionsTopic;
        _poll = poll;
        _onDecision = onDecision;
        _onDeadLetter = onDeadLetter;
        _consumer = new ConsumerBuilder<string?, byte[]>(config).Build();
        _consumer.Subscribe([decisionsTopic, deadLetterTopic]);
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    public bool Assigned => _consumer.Assignment.Count > 0;

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<string?, byte[]>? result;
            try
            {
                result = _consumer.Consume(_poll);
            }
            catch (ConsumeException)
            {
                continue;
            }
            if (result?.Message is null)
            {
                continue;
            }
            (result.Topic == _decisionsTopic ? _onDecision : _onDeadLetter)(result);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}
