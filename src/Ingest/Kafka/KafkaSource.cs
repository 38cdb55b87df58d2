using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journeys.Ingest.Kafka;

/// <summary>
/// An Akka.Streams source of <see cref="ConsumedRecord"/>s from the clicks topic. Backpressure reaches Kafka as
/// partition pauses; offsets are committed only up to each partition's watermark of completed records.
/// </summary>
public sealed class KafkaSource : GraphStageWithMaterializedValue<SourceShape<ConsumedRecord>, KafkaSourceControl>
{
    private readonly KafkaOptions _options;
    private readonly ILogger _logger;
    private readonly Func<ConsumerConfig, IConsumer<string?, byte[]>>? _consumerFactory;
    private readonly Action<PartitionChange>? _onPartitionsChanged;

    /// <param name="consumerFactory">
    /// Test seam. Null builds the real consumer with the rebalance handlers; a custom consumer gets none, so its
    /// partitions are tracked from their first record and never revoked.
    /// </param>
    /// <param name="onPartitionsChanged">
    /// Called on the consumer thread after an assignment change is handled (for revocation: after in-flight records
    /// were waited for and committed). It must return quickly: the rebalance waits for it.
    /// </param>
    public KafkaSource(KafkaOptions options, ILogger? logger = null,
        Func<ConsumerConfig, IConsumer<string?, byte[]>>? consumerFactory = null,
        Action<PartitionChange>? onPartitionsChanged = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _consumerFactory = consumerFactory;
        _onPartitionsChanged = onPartitionsChanged;
        Shape = new SourceShape<ConsumedRecord>(Out);
    }

    public Outlet<ConsumedRecord> Out { get; } = new("KafkaSource.out");

    public override SourceShape<ConsumedRecord> Shape { get; }

    public override ILogicAndMaterializedValue<KafkaSourceControl> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        // One consumer per materialization: each run of the graph is its own group member.
        var loop = new ConsumerLoop(_options, _logger, _consumerFactory, _onPartitionsChanged);
        return new LogicAndMaterializedValue<KafkaSourceControl>(new Logic(this, loop), new KafkaSourceControl(loop));
    }

    private sealed class Logic : GraphStageLogic
    {
        private readonly KafkaSource _stage;
        private readonly ConsumerLoop _loop;

        public Logic(KafkaSource stage, ConsumerLoop loop) : base(stage.Shape)
        {
            _stage = stage;
            _loop = loop;
            SetHandler(stage.Out, onPull: TryPush, onDownstreamFinish: _ => CompleteStage());
        }

        public override void PreStart()
        {
            var available = GetAsyncCallback(TryPush);
            var finished = GetAsyncCallback<Exception?>(failure =>
            {
                if (failure is null)
                {
                    CompleteStage();
                }
                else
                {
                    FailStage(failure);
                }
            });
            _loop.Start(available, finished);
        }

        // The stage may end before the loop asked it to (downstream cancelled, materializer shut down): the consumer
        // still has to drain, commit and leave the group.
        public override void PostStop() => _loop.RequestStop(_stage._options.RevokeTimeout);

        private void TryPush()
        {
            if (!IsAvailable(_stage.Out))
            {
                return;
            }
            if (TryTakeEmittable(out var record))
            {
                Push(_stage.Out, record);
                return;
            }
            _loop.Buffer.ArmWakeUp();
            // A record added between the empty take and the arming would otherwise wait for the next one.
            if (TryTakeEmittable(out record))
            {
                Push(_stage.Out, record);
            }
        }

        private bool TryTakeEmittable(out ConsumedRecord record)
        {
            while (_loop.Buffer.TryTake(out record))
            {
                // Records of a partition being revoked are dropped here; they stay incomplete in the old epoch.
                if (record.TryEmit())
                {
                    return true;
                }
            }
            return false;
        }
    }
}
