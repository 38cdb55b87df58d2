using System.IO.Compression;
using System.Text;
using Journeys.Contracts.Events;
using Journeys.Lab.Datasets;

namespace Journeys.Lab.Tests.Datasets;

public sealed class JourneysJsonlReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("journeys-jsonl-").FullName;

    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly ClickEvent[] Events =
    [
        new("e2", "s1", "u1", T0.AddSeconds(5), ClickType.AddToCart, "p1", "c1", 9.99, 2),
        new("e1", "s1", "u1", T0, ClickType.ProductView, "p1", "c1", 9.99),
        new("e3", "s2", null, T0.AddSeconds(5), ClickType.Search, Query: "red shoes", Channel: "web"),
    ];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, IEnumerable<string> lines, bool gzip = false)
    {
        var path = Path.Combine(_dir, name);
        var text = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        if (gzip)
        {
            using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
            gz.Write(text);
        }
        else
        {
            File.WriteAllBytes(path, text);
        }
        return path;
    }

    private static IEnumerable<string> Lines(IEnumerable<ClickEvent> events) =>
        events.Select(e => Encoding.UTF8.GetString(ClickEventCodec.Encode(e)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Events_round_trip_in_time_order_keeping_their_ids(bool gzip)
    {
        var path = Write(gzip ? "clicks.bin" : "clicks.jsonl", Lines(Events), gzip);
        var read = DatasetReader.Read(path, DatasetFormat.Journeys).ToList();
        // Sorted by timestamp; e2 and e3 tie at T0+5s and keep file order.
        Assert.Equal([Events[1], Events[0], Events[2]], read);
    }

    [Fact]
    public void Blank_lines_are_skipped()
    {
        var path = Write("blank.jsonl", ["", .. Lines(Events.Take(1)), "   "]);
        Assert.Single(DatasetReader.Read(path, DatasetFormat.Journeys));
    }

    [Fact]
    public void Invalid_line_stops_the_read_naming_file_line_and_reason()
    {
        var path = Write("bad.jsonl", [.. Lines(Events.Take(1)), """{"eventId":"x","sessionId":"s","timestamp":"2026-01-05T09:00:00Z","type":"teleport"}"""]);
        var ex = Assert.Throws<InvalidDataException>(() => DatasetReader.Read(path, DatasetFormat.Journeys).ToList());
        Assert.Contains($"{path}:2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("teleport", ex.Message, StringComparison.Ordinal);
    }
}
