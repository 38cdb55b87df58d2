using System.Buffers;
using System.Text.Json;

namespace Journeys.Contracts.Json;

/// <summary>
/// Writes one JSON value into a buffer and writer reused by the thread, and returns it as a new array of exactly its
/// length: what the hot paths that encode a decision or a click per event need, without a buffer and writer per call.
/// </summary>
public static class Utf8JsonBuffer
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] ToArray<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        write(writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
