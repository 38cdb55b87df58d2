using System.Text;
using Journeys.Scoring.Forecast;

namespace Journeys.Scoring.Tests.Forecast;

public class ForecastSnapshotCodecTests
{
    [Fact]
    public void A_snapshot_survives_encoding_and_decoding()
    {
        var asOf = new DateTimeOffset(2016, 5, 6, 13, 45, 10, 123, TimeSpan.Zero);
        ProductForecast[] products =
        [
            new("a", 2.5, 0, 6, 40, 16.0, 1e-4, InventoryPressure.Normal),
            new("idle", 0, 0, 0, 5, double.PositiveInfinity, 0, InventoryPressure.Overstocked),
            new("unknown", 1.25, 0, 3, null, null, null, InventoryPressure.Unknown),
            new("short", 3, 1, 6, 2, 0.7, 0.95, InventoryPressure.StockOutRisk),
        ];
        var snapshot = new ForecastSnapshot(42, asOf, products);

        var bytes = ForecastSnapshotCodec.Encode(snapshot);
        var decoded = ForecastSnapshotCodec.Decode(bytes);

        Assert.Equal(42, decoded.Version);
        Assert.Equal(asOf, decoded.AsOf);
        Assert.Equal(products.Length, decoded.Count);
        foreach (var p in products) Assert.Equal(p, decoded.For(p.ProductId));
        Assert.Contains("\"pressure\":\"Overstocked\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void The_empty_snapshot_round_trips_and_knows_no_product()
    {
        var decoded = ForecastSnapshotCodec.Decode(ForecastSnapshotCodec.Encode(ForecastSnapshot.Empty));

        Assert.Equal(0, decoded.Version);
        Assert.Equal(0, decoded.Count);
        Assert.Null(decoded.For("a"));
        Assert.Equal(InventoryPressure.Unknown, decoded.PressureOf("a"));
    }

    [Fact]
    public void A_null_document_is_refused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ForecastSnapshotCodec.Decode("null"u8));
    }
}
