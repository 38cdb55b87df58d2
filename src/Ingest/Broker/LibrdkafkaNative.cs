using System.Reflection;
using System.Runtime.InteropServices;

namespace Journeys.Ingest.Broker;

/// <summary>
/// The few librdkafka entry points Confluent.Kafka does not wrap (the mock cluster). They must bind to the very
/// library file Confluent.Kafka loaded: the mock cluster lives on an <c>rd_kafka_t</c>, and two copies of librdkafka
/// in one process would not share anything.
/// </summary>
/// <remarks>
/// On linux-x64, Confluent.Kafka 2.16 tries <c>runtimes/linux-x64/native/librdkafka.so</c> first, which needs
/// libsasl2.so.3 (absent on Debian 12), then falls back to <c>centos8-librdkafka.so</c>, which loads as is.
/// Rather than repeat that choice, the resolver lets Confluent.Kafka load first and then asks the process which
/// librdkafka file is mapped.
/// </remarks>
internal static class LibrdkafkaNative
{
    private const string LibraryName = "librdkafka";

    internal const int ProducerType = 0;

    static LibrdkafkaNative()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaNative).Assembly, Resolve);
    }

    /// <summary>The file Confluent.Kafka loaded, or null when the platform does not say (non-Linux).</summary>
    internal static string? LoadedPath { get; private set; }

    /// <summary>Runs the static constructor (and so registers the resolver) before the first P/Invoke.</summary>
    internal static void EnsureResolver()
    {
    }

    [DllImport(LibraryName)]
    internal static extern IntPtr rd_kafka_conf_new();

    [DllImport(LibraryName)]
    internal static extern int rd_kafka_conf_set(IntPtr conf, IntPtr name, IntPtr value, IntPtr errstr, UIntPtr errstrSize);

    [DllImport(LibraryName)]
    internal static extern void rd_kafka_conf_destroy(IntPtr conf);

    [DllImport(LibraryName)]
    internal static extern IntPtr rd_kafka_new(int type, IntPtr conf, IntPtr errstr, UIntPtr errstrSize);

    [DllImport(LibraryName)]
    internal static extern void rd_kafka_destroy(IntPtr rk);

    [DllImport(LibraryName)]
    internal static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [DllImport(LibraryName)]
    internal static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [DllImport(LibraryName)]
    internal static extern void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [DllImport(LibraryName)]
    internal static extern int rd_kafka_mock_topic_create(IntPtr cluster, IntPtr topic, int partitionCount, int replicationFactor);

    [DllImport(LibraryName)]
    internal static extern int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [DllImport(LibraryName)]
    internal static extern int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [DllImport(LibraryName)]
    internal static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    [DllImport(LibraryName)]
    internal static extern void rd_kafka_mock_push_request_errors_array(IntPtr cluster, short apiKey, UIntPtr count, int[] errors);

    [DllImport(LibraryName)]
    internal static extern IntPtr rd_kafka_err2str(int err);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName)
        {
            return IntPtr.Zero;
        }
        // Reading the version makes Confluent.Kafka load its native library (with its own fallbacks) if it has not.
        _ = Confluent.Kafka.Library.Version;
        LoadedPath = FindMappedLibrdkafka();
        // dlopen of an already mapped file returns the existing handle: the same library, not a second copy.
        return LoadedPath is not null ? NativeLibrary.Load(LoadedPath) : IntPtr.Zero;
    }

    private static string? FindMappedLibrdkafka()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }
        foreach (var line in File.ReadLines(maps))
        {
            var path = line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..] : null;
            if (path is not null && Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            {
                return path;
            }
        }
        return null;
    }
}
