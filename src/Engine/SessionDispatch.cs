using Journeys.SessionActors.State;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Stage;
using Journeys.Contracts.Diagnostics;
using Journeys.SessionActors.Sessions;

namespace Journeys.Engine;

/// <summary>
/// The end of the click stream: each accepted click is told to its session (through the region) with a
/// <see cref="RecordReply"/>; a refused one is dead-lettered at once. At most <c>maxInFlight</c> clicks are out with
/// sessions at a time: at the bound the stage stops pulling, and the reply that frees a place wakes it (one async
/// callback per stall, not one per event). No task, continuation or timer is made per event: a click that a session
/// has not answered within <c>replyTimeout</c> is found by a sweep once a second, which fails the stream (the engine
/// stops rather than wait forever on a stuck model or store). The materialized task completes when upstream has
/// finished and every click out with a session was answered, and faults when the stream fails.
/// </summary>
internal sealed class SessionDispatch : GraphStageWithMaterializedValue<SinkShape<AcceptedClick>, Task>
{
    private readonly DecisionPipeline _pipeline;
    private readonly IActorRef _region;
    private readonly int _maxInFlight;
    private readonly TimeSpan _replyTimeout;
    private readonly IStateAvailability _loader;

    /// <param name="loader">Whose waits for an unreachable Garnet do not count against <paramref name="replyTimeout"/>.</param>
    public SessionDispatch(DecisionPipeline pipeline, IActorRef region, int maxInFlight, TimeSpan replyTimeout, IStateAvailability loader)
    {
        _loader = loader;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInFlight);
        _pipeline = pipeline;
        _region = region;
        _maxInFlight = maxInFlight;
        _replyTimeout = replyTimeout;
        Shape = new SinkShape<AcceptedClick>(In);
    }

    public Inlet<AcceptedClick> In { get; } = new("SessionDispatch.in");

    public override SinkShape<AcceptedClick> Shape { get; }

    public override ILogicAndMaterializedValue<Task> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var logic = new Logic(this);
        return new LogicAndMaterializedValue<Task>(logic, logic.Completion);
    }

    /// <summary>How the stage hears about replies; implemented by its logic, called from session threads.</summary>
    internal interface IReplies
    {
        /// <summary>A session answered (and its result was handed to the producer, or handing it failed).</summary>
        void OnHanded(Exception? failure);
    }

    private sealed class Logic : TimerGraphStageLogic, IReplies
    {
        private const string SweepTimer = "sweep";
        private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
        private readonly SessionDispatch _stage;
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        // Clicks told to sessions, oldest first; swept from the head once they are handed (stage thread only).
        private readonly Queue<RecordReply> _out = new();
        private Action? _resume;
        private Action<Exception>? _fail;
        private int _inFlight;
        private int _stalled;
        private bool _upstreamDone;

        public Logic(SessionDispatch stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.In, onPush: OnPush, onUpstreamFinish: () =>
            {
                _upstreamDone = true;
                CompleteIfDrained();
            }, onUpstreamFailure: e =>
            {
                _completion.TrySetException(e);
                FailStage(e);
            });
        }

        public Task Completion => _completion.Task;

        public override void PreStart()
        {
            _resume = GetAsyncCallback(Resume);
            _fail = GetAsyncCallback<Exception>(e =>
            {
                _completion.TrySetException(e);
                FailStage(e);
            });
            ScheduleRepeatedly(SweepTimer, SweepInterval);
            // The stage outlives its closed inlet: it completes once the clicks still out with sessions are answered.
            SetKeepGoing(true);
            Pull(_stage.In);
        }

        public override void PostStop() => _completion.TrySetResult();

        public void OnHanded(Exception? failure)
        {
            if (failure is not null)
            {
                _fail!(failure);
            }
            if (Interlocked.Decrement(ref _inFlight) < _stage._maxInFlight && Interlocked.Exchange(ref _stalled, 0) == 1)
            {
                _resume!();
            }
        }

        private void OnPush()
        {
            var started = StageClock.Start();
            var click = Grab(_stage.In);
            if (click.Event is not { } e)
            {
                _stage._pipeline.DeadLetter(click);
            }
            else
            {
                var record = click.Record;
                var reply = new RecordReply(_stage._pipeline, record, this);
                Interlocked.Increment(ref _inFlight);
                _out.Enqueue(reply);
                // The event reaches its session's mailbox in partition order (told here, in stream order); the session
                // publishes its answer through the reply before it takes its next event, so decisions leave in event order.
                _stage._region.Tell(new ApplyEvent(e, record.Partition, reply, record.Offset, record.ReceivedTimestamp), ActorRefs.NoSender);
            }
            if (_out.Count > 2 * _stage._maxInFlight)
            {
                Sweep(checkAge: false);
            }
            PullIfRoom();
            StageClock.Stop(EngineStage.Route, started);
        }

        private void PullIfRoom()
        {
            if (Volatile.Read(ref _inFlight) < _stage._maxInFlight)
            {
                Pull(_stage.In);
                return;
            }
            // Armed before re-checking: a reply that freed a place in between either sees the flag or is seen here.
            Volatile.Write(ref _stalled, 1);
            if (Volatile.Read(ref _inFlight) < _stage._maxInFlight && Interlocked.Exchange(ref _stalled, 0) == 1)
            {
                Pull(_stage.In);
            }
        }

        private void Resume()
        {
            if (_upstreamDone)
            {
                CompleteIfDrained();
                return;
            }
            if (!HasBeenPulled(_stage.In) && !IsClosed(_stage.In))
            {
                PullIfRoom();
            }
        }

        protected override void OnTimer(object timerKey)
        {
            Sweep(checkAge: true);
            CompleteIfDrained();
        }

        /// <summary>Drops handed clicks from the head; fails the stream if the oldest unanswered one is too old.</summary>
        private void Sweep(bool checkAge)
        {
            while (_out.TryPeek(out var oldest) && oldest.IsHanded)
            {
                _out.Dequeue();
            }
            // A session waiting for an unreachable Garnet is not stuck: it waits, logged by the loader and bounded by
            // the in-flight limits, and its time counts only from when Garnet answers again.
            if (checkAge && _out.TryPeek(out var stuck) && !_stage._loader.WaitingForStore
                && stuck.AgeSince(_stage._loader.StoreReachableSince) > _stage._replyTimeout)
            {
                var error = new TimeoutException(
                    $"no session answered event {stuck.Record} within Sessions:ReplyTimeout ({_stage._replyTimeout}); the model or the state store is stuck");
                _completion.TrySetException(error);
                FailStage(error);
            }
        }

        private void CompleteIfDrained()
        {
            if (_upstreamDone && Volatile.Read(ref _inFlight) == 0)
            {
                _completion.TrySetResult();
                CompleteStage();
            }
            else if (_upstreamDone)
            {
                // The last replies wake the stage to complete it.
                Volatile.Write(ref _stalled, 1);
            }
        }
    }
}
