using Journeys.Contracts.Events;
using Journeys.Lab.Datasets;

namespace Journeys.Lab.Tests.Datasets;

/// <summary>
/// The join of views and purchases. The small inputs are real rows of the shared copies (sessions 150, 151, 156 and the
/// purchase-only session 4006), written to temporary files so the repository's data folder stays untouched.
/// </summary>
public sealed class DigineticaJourneyReaderTests : IDisposable
{
    private const string ViewRows = """
        session_id;user_id;item_id;timeframe;eventdate
        150;NA;79520;214948;2016-05-06
        150;NA;25911;20533;2016-05-06
        151;NA;161528;12334;2016-05-06
        151;NA;175874;31960;2016-05-06
        156;7;21638;7784;2016-05-07
        156;7;7779;127911;2016-05-07
        156;7;42163;151220;2016-05-07
        156;7;3299;681398;2016-05-07
        156;7;68351;337378;2016-05-07
        """;

    private const string PurchaseRows = """
        sessionId;userId;timeframe;eventdate;ordernumber;itemId
        150;18278;17100868;2016-05-06;16421;25911
        151;NA;6454547;2016-05-06;16290;175874
        156;7;1721689387;2016-05-27;21173;35324
        4006;NA;4119317705;2016-05-07;16451;15488
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"diginetica-journeys-{Guid.NewGuid():N}");

    public DigineticaJourneyReaderTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Views, ViewRows);
        File.WriteAllText(Purchases, PurchaseRows);
        File.WriteAllText(Categories, "itemId;categoryId\n25911;822\n35324;1096\n");
    }

    private string Views => Path.Combine(_directory, "views.csv");
    private string Purchases => Path.Combine(_directory, "purchases.csv");
    private string Categories => Path.Combine(_directory, "categories.csv");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Purchases_join_their_sessions_in_time_order()
    {
        var events = DatasetReader.Read(Views, DatasetFormat.DigineticaJourneys, new DatasetReadOptions(PurchasesPath: Purchases))
            .ToList();
        Assert.Equal(12, events.Count);
        var s150 = events.Where(e => e.SessionId == "150").ToList();
        // Views at 20.533 s and 214.948 s, the purchase at 17,100.868 s after 2016-05-06 00:00 UTC.
        Assert.Equal(
            [ClickType.ProductView, ClickType.ProductView, ClickType.Purchase],
            s150.Select(e => e.Type));
        Assert.Equal(new ClickEvent("diginetica-journeys:150:2", "150", "18278",
                new DateTimeOffset(2016, 5, 6, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(17_100_868), ClickType.Purchase, "25911"),
            s150[2]);
        Assert.Equal(["diginetica-journeys:150:0", "diginetica-journeys:150:1", "diginetica-journeys:150:2"],
            s150.Select(e => e.EventId));
        EventAssertions.InTimeOrder(events);
        EventAssertions.UniqueIds(events);
        EventAssertions.PassTheCodec(events);
    }

    [Fact]
    public void Purchase_only_sessions_are_not_added()
    {
        var events = DatasetReader.Read(Views, DatasetFormat.DigineticaJourneys, new DatasetReadOptions(PurchasesPath: Purchases));
        Assert.Equal(["150", "151", "156"], events.Select(e => e.SessionId).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_purchase_days_later_is_counted_from_the_session_start()
    {
        var purchase = DatasetReader.Read(Views, DatasetFormat.DigineticaJourneys,
                new DatasetReadOptions(Categories, Purchases))
            .Single(e => e is { SessionId: "156", Type: ClickType.Purchase });
        // Session 156 starts 2016-05-07; its purchase is 1,721,689.387 s (about 19.9 days) after that midnight.
        Assert.Equal(new DateTimeOffset(2016, 5, 7, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(1_721_689_387), purchase.Timestamp);
        Assert.Equal(("35324", "1096"), (purchase.ProductId, purchase.CategoryId));
    }

    [Fact]
    public void Missing_purchases_path_is_an_error_that_names_the_option()
    {
        var ex = Assert.Throws<ArgumentException>(() => DatasetReader.Read(Views, DatasetFormat.DigineticaJourneys));
        Assert.Contains("PurchasesPath", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => DatasetReader.Read(Views, DatasetFormat.DigineticaJourneys,
            new DatasetReadOptions(PurchasesPath: Path.Combine(_directory, "absent.csv"))));
    }

    [Fact]
    public void Format_name_round_trips()
    {
        Assert.Equal(DatasetFormat.DigineticaJourneys, DatasetFormats.Parse("diginetica-journeys"));
        Assert.Equal("diginetica-journeys", DatasetFormats.ToName(DatasetFormat.DigineticaJourneys));
        Assert.Contains("diginetica-journeys", DatasetFormats.Names);
    }

    [SharedDataFact("diginetica-cikm16/train-purchases.csv.gz")]
    public void Shared_sample_joins_138_converting_sessions_and_256_purchases()
    {
        var events = DatasetReader.Read(SharedData.PathOf("diginetica-cikm16/sample_train-item-views.csv.gz"),
            DatasetFormat.DigineticaJourneys,
            new DatasetReadOptions(PurchasesPath: SharedData.PathOf("diginetica-cikm16/train-purchases.csv.gz"))).ToList();
        var purchases = events.Where(e => e.Type == ClickType.Purchase).ToList();
        Assert.Equal(12_391 + 256, events.Count);
        Assert.Equal(256, purchases.Count);
        Assert.Equal(2_986, events.Select(e => e.SessionId).Distinct().Count());
        Assert.Equal(138, purchases.Select(e => e.SessionId).Distinct().Count());
        EventAssertions.InTimeOrder(events);
        EventAssertions.UniqueIds(events);
    }
}
