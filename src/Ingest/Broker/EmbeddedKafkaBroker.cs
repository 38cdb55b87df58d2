using System.Runtime.InteropServices;
using System.Text;

namespace Journeys.Ingest.Broker;

/// <summary>
/// A Kafka-protocol broker in this process: librdkafka's mock cluster, listening on random loopback ports, so the real
/// Confluent.Kafka clients (here or in another process, or kcat) talk to it over TCP. For tests and the demo only.
/// </summary>
/// <remarks>
/// What the mock supports (librdkafka 2.16, <c>rdkafka_mock.h</c>): producer, idempotent and transactional producer,
/// low-level consumer, balanced consumer groups with offset commits, metadata and topic auto-creation, and fault
/// injection. Its limits: it is in memory (everything is gone on <see cref="Dispose"/>), has no CreateTopics admin
/// API (use <see cref="CreateTopic"/>), no retention, compaction, ACLs or SASL, replication is simulated, and the API
/// is marked experimental (not covered by librdkafka's ABI guarantees). Production runs on Apache Kafka.
/// </remarks>
public sealed class EmbeddedKafkaBroker : IDisposable
{
    // A real broker delays a new group's first rebalance by 3 s to let members join; tests want it fast.
    private const int InitialRebalanceDelayMs = 50;
    private const int ErrorBufferSize = 512;

    private readonly Lock _gate = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    private EmbeddedKafkaBroker(IntPtr handle, IntPtr cluster, string bootstrapServers, int brokers)
    {
        _handle = handle;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokers;
    }

    /// <summary>Comma-separated loopback host:port list of the mock brokers.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster whose broker ids are 1..<paramref name="brokers"/>.</summary>
    public static EmbeddedKafkaBroker Start(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        LibrdkafkaNative.EnsureResolver();
        var handle = CreateHostHandle();
        var cluster = LibrdkafkaNative.rd_kafka_mock_cluster_new(handle, brokers);
        if (cluster == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_destroy(handle);
            throw new InvalidOperationException("librdkafka could not create a mock cluster (see its log on stderr)");
        }
        LibrdkafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, InitialRebalanceDelayMs);
        var bootstraps = Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("the mock cluster reported no bootstrap servers");
        return new EmbeddedKafkaBroker(handle, cluster, bootstraps, brokers);
    }

    /// <summary>Creates a topic (the mock has no admin CreateTopics); creating an existing topic fails.</summary>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        Call($"create topic {name}", cluster => WithUtf8(name,
            topic => LibrdkafkaNative.rd_kafka_mock_topic_create(cluster, topic, partitions, replicationFactor)));
    }

    /// <summary>Disconnects the broker and refuses new connections (no leader change, as in a network cut).</summary>
    public void SetBrokerDown(int id) =>
        Call($"set broker {id} down", cluster => LibrdkafkaNative.rd_kafka_mock_broker_set_down(cluster, id));

    /// <summary>
    /// Fails the cluster's next requests of one kind, one error each, in order (librdkafka's mock fault injection): for
    /// example Produce (API key 0) with NOT_LEADER_OR_FOLLOWER (6) or OffsetCommit (8) with REQUEST_TIMED_OUT (7).
    /// Clients see real error responses and must retry.
    /// </summary>
    public void PushRequestErrors(short apiKey, params int[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Call($"push {errors.Length} errors on API key {apiKey}", cluster =>
        {
            LibrdkafkaNative.rd_kafka_mock_push_request_errors_array(cluster, apiKey, (UIntPtr)errors.Length, errors);
            return 0;
        });
    }

    public void SetBrokerUp(int id) =>
        Call($"set broker {id} up", cluster => LibrdkafkaNative.rd_kafka_mock_broker_set_up(cluster, id));

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != IntPtr.Zero)
            {
                LibrdkafkaNative.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }
            if (_handle != IntPtr.Zero)
            {
                LibrdkafkaNative.rd_kafka_destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    private static IntPtr CreateHostHandle()
    {
        var conf = LibrdkafkaNative.rd_kafka_conf_new();
        var errors = Marshal.AllocHGlobal(ErrorBufferSize);
        try
        {
            // The host handle never talks to a broker; without this it would log connection errors to
            // its default (empty) bootstrap list.
            SetConf(conf, "log_level", "2", errors);
            var handle = LibrdkafkaNative.rd_kafka_new(LibrdkafkaNative.ProducerType, conf, errors, ErrorBufferSize);
            if (handle == IntPtr.Zero)
            {
                // rd_kafka_new only takes ownership of the configuration when it succeeds.
                LibrdkafkaNative.rd_kafka_conf_destroy(conf);
                throw new InvalidOperationException($"librdkafka could not create the mock cluster's host handle: {Marshal.PtrToStringUTF8(errors)}");
            }
            return handle;
        }
        finally
        {
            Marshal.FreeHGlobal(errors);
        }
    }

    private static void SetConf(IntPtr conf, string name, string value, IntPtr errors)
    {
        var result = WithUtf8(name, n => WithUtf8(value,
            v => LibrdkafkaNative.rd_kafka_conf_set(conf, n, v, errors, ErrorBufferSize)));
        if (result != 0)
        {
            throw new InvalidOperationException($"librdkafka rejected {name}={value}: {Marshal.PtrToStringUTF8(errors)}");
        }
    }

    private static int WithUtf8(string text, Func<IntPtr, int> call)
    {
        var bytes = Encoding.UTF8.GetBytes(text + '\0');
        var pinned = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            return call(pinned.AddrOfPinnedObject());
        }
        finally
        {
            pinned.Free();
        }
    }

    private void Call(string what, Func<IntPtr, int> call)
    {
        int error;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            error = call(_cluster);
        }
        if (error != 0)
        {
            throw new InvalidOperationException(
                $"mock cluster could not {what}: {Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_err2str(error))}");
        }
    }
}
