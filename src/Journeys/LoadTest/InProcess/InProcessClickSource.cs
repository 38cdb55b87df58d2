using System.Diagnostics;
using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;
using Journeys.Contracts.Diagnostics;
using Journeys.Ingest.Kafka;
using Journeys.Ingest.Offsets;

namespace Journeys.LoadTest.InProcess;

/// <summary>
/// The engine-only load test's stand-in for <see cref="KafkaSource"/>: it owns every partition of the
/// <see cref="InProcessClickLog"/> from the start, registers each record in its partition's watermark exactly as the
/// Kafka consumer does (so completions, the in-flight bound and the committable offsets work the same), and emits
/// records when pulled. "Committing" reads the watermarks once a second.
/// </summary>
internal sealed class InProcessClickSource : GraphStageWithMaterializedValue<SourceShape<ConsumedRecord>, IClickSourceControl>
{
    private readonly InProcessClickLog _log;
    private readonly Action<PartitionChange> _onPartitionsChanged;

    public InProcessClickSource(InProcessClickLog log, Action<PartitionChange> onPartitionsChanged)
    {
        _log = log;
        _onPartitionsChanged = onPartitionsChanged;
        Shape = new SourceShape<ConsumedRecord>(Out);
    }

    public Outlet<ConsumedRecord> Out { get; } = new("InProcessClickSource.out");

    public override SourceShape<ConsumedRecord> Shape { get; }

    public override ILogicAndMaterializedValue<IClickSourceControl> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var control = new Control(_log);
        return new LogicAndMaterializedValue<IClickSourceControl>(new Logic(this, control), control);
    }

    /// <summary>Stop and await the source; the committed offsets it last read from the watermarks.</summary>
    internal sealed class Control : IClickSourceControl
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private TimeSpan? _drainTimeout;

        public Control(InProcessClickLog log) =>
            Watermarks = [.. Enumerable.Range(0, log.Partitions).Select(p => new PartitionWatermark(log.Topic, p))];

        public IReadOnlyList<PartitionWatermark> Watermarks { get; }

        public Task Completion => _completion.Task;

        public TimeSpan? DrainTimeout
        {
            get { lock (_gate) { return _drainTimeout; } }
        }

        public Action? OnStopRequested { get; set; }

        public Task StopAsync(TimeSpan drainTimeout)
        {
            lock (_gate)
            {
                _drainTimeout ??= drainTimeout;
            }
            OnStopRequested?.Invoke();
            return Completion;
        }

        /// <summary>After the stream ended: wait (bounded) for emitted records to complete, as the Kafka consumer does.</summary>
        public void Finish(Exception? failure)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)((DrainTimeout ?? TimeSpan.Zero).TotalSeconds * Stopwatch.Frequency);
            while (Watermarks.Any(w => w.EmittedInFlight > 0) && Stopwatch.GetTimestamp() < deadline)
            {
                Thread.Sleep(1);
            }
            if (failure is null)
            {
                _completion.TrySetResult();
            }
            else
            {
                _completion.TrySetException(failure);
            }
        }
    }

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string CommitTimer = "commit";
        private readonly InProcessClickSource _stage;
        private readonly Control _control;
        private readonly int[] _epochs;
        private bool _stopping;

        public Logic(InProcessClickSource stage, Control control) : base(stage.Shape)
        {
            _stage = stage;
            _control = control;
            _epochs = new int[control.Watermarks.Count];
            SetHandler(stage.Out, onPull: TryPush, onDownstreamFinish: _ => CompleteStage());
        }

        public override void PreStart()
        {
            var partitions = new List<TopicPartition>();
            for (var p = 0; p < _control.Watermarks.Count; p++)
            {
                _epochs[p] = _control.Watermarks[p].BeginEpoch();
                partitions.Add(new TopicPartition(_stage._log.Topic, p));
            }
            _stage._onPartitionsChanged(new PartitionChange(PartitionChangeKind.Assigned, partitions));
            _stage._log.OnAppended(GetAsyncCallback(TryPush));
            var stop = GetAsyncCallback(() =>
            {
                _stopping = true;
                CompleteStage();
            });
            _control.OnStopRequested = stop;
            ScheduleRepeatedly(CommitTimer, TimeSpan.FromSeconds(1));
        }

        public override void PostStop()
        {
            foreach (var watermark in _control.Watermarks)
            {
                watermark.StopAccepting();
            }
            // The wait for in-flight records blocks: not on the stream's thread.
            var control = _control;
            _ = Task.Factory.StartNew(() => control.Finish(null), CancellationToken.None, TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        protected override void OnTimer(object timerKey)
        {
            foreach (var watermark in _control.Watermarks)
            {
                _ = watermark.Committable;
            }
        }

        private void TryPush()
        {
            if (_stopping || !IsAvailable(_stage.Out))
            {
                return;
            }
            if (TryTake(out var record))
            {
                Push(_stage.Out, record);
                return;
            }
            _stage._log.ArmWakeUp();
            if (TryTake(out record))
            {
                Push(_stage.Out, record);
            }
        }

        private bool TryTake(out ConsumedRecord record)
        {
            var started = StageClock.Start();
            if (!_stage._log.TryTake(out var click))
            {
                record = null!;
                return false;
            }
            var watermark = _control.Watermarks[click.Partition];
            var sequence = watermark.Register(click.Offset);
            record = new ConsumedRecord(_stage._log.Topic, click.Partition, click.Offset, click.Key, click.Value, click.SentAt,
                watermark, _epochs[click.Partition], sequence, Stopwatch.GetTimestamp());
            record.TryEmit();
            StageClock.Stop(EngineStage.Consume, started);
            return true;
        }
    }
}
