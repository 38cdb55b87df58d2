using Journeys.Contracts.Events;
using Journeys.Lab.Datasets;

namespace Journeys.Lab.Tests.Datasets;

public sealed class Rees46ReaderTests
{
    private static readonly Lazy<IReadOnlyList<ClickEvent>> Demo =
        new(() => DatasetReader.Read(Repository.DemoSample, DatasetFormat.Rees46).ToList());

    [Fact]
    public void Demo_sample_has_the_counts_its_README_measured()
    {
        var events = Demo.Value;
        Assert.Equal(17_434, events.Count);
        Assert.Equal(17_055, events.Count(e => e.Type == ClickType.ProductView));
        Assert.Equal(165, events.Count(e => e.Type == ClickType.AddToCart));
        Assert.Equal(214, events.Count(e => e.Type == ClickType.Purchase));
        Assert.Equal(5_066, events.Select(e => e.SessionId).Distinct().Count());
        Assert.Equal(4_504, events.Select(e => e.UserId).Distinct().Count());
        Assert.Equal(6_493, events.Select(e => e.ProductId).Distinct().Count());
        Assert.Equal(2_574.07, events.Max(e => e.Price));
        Assert.Equal(0, events.Min(e => e.Price));
    }

    [Fact]
    public void First_row_maps_every_field()
    {
        // 2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c
        var expected = new ClickEvent("rees46:72d76fde-8bb3-4e00-8c23-a032dfed738c:0",
            "72d76fde-8bb3-4e00-8c23-a032dfed738c", "541312140", new DateTimeOffset(2019, 10, 1, 0, 0, 0, TimeSpan.Zero),
            ClickType.ProductView, "44600062", "2103807459595387724", 35.79);
        Assert.Equal(expected, Demo.Value[0]);
    }

    [Fact]
    public void Purchase_row_keeps_price_user_and_session()
    {
        // 2019-10-01 00:02:14 UTC,purchase,1004856,2053013555631882655,electronics.smartphone,samsung,130.76,543272936,8187d148-…
        var purchase = Demo.Value.First(e => e.Type == ClickType.Purchase);
        Assert.Equal("1004856", purchase.ProductId);
        Assert.Equal("2053013555631882655", purchase.CategoryId);
        Assert.Equal(130.76, purchase.Price);
        Assert.Equal("543272936", purchase.UserId);
        Assert.Equal("8187d148-3c41-46d4-b0c0-9c08cd9dc564", purchase.SessionId);
        Assert.Equal(new DateTimeOffset(2019, 10, 1, 0, 2, 14, TimeSpan.Zero), purchase.Timestamp);
        Assert.Null(purchase.Quantity);
    }

    [Fact]
    public void Events_are_in_time_order_with_unique_ids_numbered_per_session()
    {
        var events = Demo.Value;
        EventAssertions.InTimeOrder(events);
        EventAssertions.UniqueIds(events);
        foreach (var session in events.GroupBy(e => e.SessionId).Take(200))
        {
            Assert.Equal(
                session.Select((_, i) => $"rees46:{session.Key}:{i}"),
                session.Select(e => e.EventId));
        }
    }

    [Fact]
    public void Two_reads_give_identical_events()
    {
        var again = DatasetReader.Read(Repository.DemoSample, DatasetFormat.Rees46).ToList();
        Assert.Equal(Demo.Value, again);
    }

    [Fact]
    public void Every_event_passes_the_wire_codec() => EventAssertions.PassTheCodec(Demo.Value);

    [Fact]
    public void Plain_and_gzip_copies_read_the_same()
    {
        var plain = Path.Combine(Path.GetTempPath(), $"journeys-rees46-{Guid.NewGuid():N}.csv");
        try
        {
            using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(Repository.DemoSample),
                       System.IO.Compression.CompressionMode.Decompress))
            using (var output = File.Create(plain))
            {
                gz.CopyTo(output);
            }
            Assert.Equal(Demo.Value, DatasetReader.Read(plain, DatasetFormat.Rees46).ToList());
        }
        finally
        {
            File.Delete(plain);
        }
    }

    [Fact]
    public void Cosmetics_fixture_maps_cart_removal_and_purchase()
    {
        var events = DatasetReader.Read(Repository.Data("fixtures/cosmetics_2019-Dec_first100.csv.gz"),
            DatasetFormat.Rees46).ToList();
        Assert.Equal(100, events.Count);
        Assert.Equal(47, events.Count(e => e.Type == ClickType.ProductView));
        Assert.Equal(26, events.Count(e => e.Type == ClickType.AddToCart));
        Assert.Equal(26, events.Count(e => e.Type == ClickType.RemoveFromCart));
        // 2019-12-01 00:01:52 UTC,purchase,5700046,1487580009286598681,,runail,0.40,576802932,51d85cb0-…
        var purchase = Assert.Single(events, e => e.Type == ClickType.Purchase);
        Assert.Equal(("5700046", 0.40, "576802932"), (purchase.ProductId, purchase.Price, purchase.UserId));
        // The first row of the file is a remove_from_cart at 00:00:00 in session 51d85cb0-….
        Assert.Equal("rees46:51d85cb0-897f-48d2-918b-ad63965c12dc:0", events[0].EventId);
        Assert.Equal(ClickType.RemoveFromCart, events[0].Type);
        EventAssertions.InTimeOrder(events);
    }

    [Fact]
    public void Unknown_event_type_names_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"journeys-rees46-bad-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(path, [
                "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session",
                "2019-10-01 00:00:00 UTC,view,1,2,,,3.5,4,s1",
                "2019-10-01 00:00:01 UTC,wishlist,1,2,,,3.5,4,s1",
            ]);
            var ex = Assert.Throws<InvalidDataException>(() => DatasetReader.Read(path, DatasetFormat.Rees46).ToList());
            Assert.Contains($"{path}:3", ex.Message, StringComparison.Ordinal);
            Assert.Contains("wishlist", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
