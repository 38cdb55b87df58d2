using System.Text.Json;

namespace Journeys.Scoring.Forecast;

/// <summary>
/// A <see cref="ForecastSnapshot"/> as UTF-8 JSON bytes, the value stored in Garnet:
/// <c>{"version","asOf","products":[{"productId","dailyMean","lower","upper","stock","daysOfCover","stockOutRisk","pressure"}]}</c>,
/// nulls omitted, pressure by name, "Infinity" for a product that does not sell.
/// </summary>
public static class ForecastSnapshotCodec
{
    public static byte[] Encode(ForecastSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var document = new ForecastSnapshotDocument(snapshot.Version, snapshot.AsOf, [.. snapshot.Products]);
        return JsonSerializer.SerializeToUtf8Bytes(document, ForecastJsonContext.Default.ForecastSnapshotDocument);
    }

    public static ForecastSnapshot Decode(ReadOnlySpan<byte> utf8Json)
    {
        var document = JsonSerializer.Deserialize(utf8Json, ForecastJsonContext.Default.ForecastSnapshotDocument)
            ?? throw new JsonException("A forecast snapshot cannot be the JSON literal null.");
        return new ForecastSnapshot(document.Version, document.AsOf, document.Products ?? []);
    }
}
