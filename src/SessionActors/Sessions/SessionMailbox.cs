using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace Journeys.SessionActors.Sessions;

/// <summary>
/// The mailbox of a session actor: an ordinary queue under a lock, which starts empty and grows to what the session
/// needs (a session rarely has more than a couple of messages waiting). Akka's default mailbox is a lock-free queue
/// whose first segment holds 32 envelopes before the actor's first message — more than the rest of the actor
/// (docs/benchmarks/2026-11-28-engine.md). A session's messages come from few senders (the region, the batcher, the snapshot
/// loader) and it takes them one at a time, so the lock is uncontended in practice.
/// Declared at <see cref="ConfigPath"/> (<see cref="Declaration"/>); sessions use it when the host declares it.
/// </summary>
public sealed class SessionMailbox : MailboxType, IProducesMessageQueue<SessionMailbox.MessageQueue>
{
    /// <summary>Where the mailbox is configured in the actor system's configuration.</summary>
    public const string ConfigPath = "journeys.session-mailbox";

    /// <summary>The configuration that declares the mailbox (add it to the actor system's).</summary>
    public static string Declaration => $"{ConfigPath} {{ mailbox-type = \"{typeof(SessionMailbox).AssemblyQualifiedName}\" }}";

    public SessionMailbox(Settings settings, Config config) : base(settings, config)
    {
    }

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new MessageQueue();

    /// <summary>FIFO under a lock; unbounded like Akka's default.</summary>
#pragma warning disable CA1711 // Akka's name for a mailbox's queue (IMessageQueue, UnboundedMessageQueue), not a collection type.
    public sealed class MessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
#pragma warning restore CA1711
    {
        private readonly Queue<Envelope> _queue = new();

        public bool HasMessages
        {
            get
            {
                lock (_queue)
                {
                    return _queue.Count > 0;
                }
            }
        }

        public int Count
        {
            get
            {
                lock (_queue)
                {
                    return _queue.Count;
                }
            }
        }

        public void Enqueue(IActorRef receiver, Envelope envelope)
        {
            lock (_queue)
            {
                _queue.Enqueue(envelope);
            }
        }

        public bool TryDequeue(out Envelope envelope)
        {
            lock (_queue)
            {
                return _queue.TryDequeue(out envelope);
            }
        }

        public void CleanUp(IActorRef owner, IMessageQueue deadletters)
        {
            ArgumentNullException.ThrowIfNull(deadletters);
            while (TryDequeue(out var envelope))
            {
                deadletters.Enqueue(owner, envelope);
            }
        }
    }
}
