namespace Journeys.LoadTest.InProcess;

/// <summary>One click in the <see cref="InProcessClickLog"/>: where it sits, its key and payload, and when it was due to be sent (Stopwatch ticks).</summary>
internal readonly record struct LoggedClick(int Partition, long Offset, string Key, byte[] Value, long SentAt);
