using System.Text.Json;
using Journeys.Contracts.Json;

namespace Journeys.Contracts.Decisions;

/// <summary>
/// Writes a <see cref="Decision"/> as its wire JSON straight into a buffer reused by the thread, byte for byte what the
/// source-generated serializer writes (a test holds the two equal): property names encoded once, no reflection,
/// no intermediate strings. A decision is written on every event, so the serializer's per-call buffers and metadata
/// walk were a measurable share of the engine's allocations.
/// </summary>
public static class DecisionJson
{
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventId");
    private static readonly JsonEncodedText SessionId = JsonEncodedText.Encode("sessionId");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText Stage = JsonEncodedText.Encode("stage");
    private static readonly JsonEncodedText StageProbabilities = JsonEncodedText.Encode("stageProbabilities");
    private static readonly JsonEncodedText Awareness = JsonEncodedText.Encode("awareness");
    private static readonly JsonEncodedText Consideration = JsonEncodedText.Encode("consideration");
    private static readonly JsonEncodedText Intent = JsonEncodedText.Encode("intent");
    private static readonly JsonEncodedText Purchase = JsonEncodedText.Encode("purchase");
    private static readonly JsonEncodedText Loyalty = JsonEncodedText.Encode("loyalty");
    private static readonly JsonEncodedText ConversionProbability = JsonEncodedText.Encode("conversionProbability");
    private static readonly JsonEncodedText FrictionScore = JsonEncodedText.Encode("frictionScore");
    private static readonly JsonEncodedText Recommendations = JsonEncodedText.Encode("recommendations");
    private static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("productId");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText ListPrice = JsonEncodedText.Encode("listPrice");
    private static readonly JsonEncodedText OfferPrice = JsonEncodedText.Encode("offerPrice");
    private static readonly JsonEncodedText ExpectedProfit = JsonEncodedText.Encode("expectedProfit");
    private static readonly JsonEncodedText ConversionAtOffer = JsonEncodedText.Encode("conversionAtOffer");
    private static readonly JsonEncodedText Guardrail = JsonEncodedText.Encode("guardrail");
    private static readonly JsonEncodedText ModelVersion = JsonEncodedText.Encode("modelVersion");
    private static readonly JsonEncodedText EventTimestamp = JsonEncodedText.Encode("eventTimestamp");
    private static readonly JsonEncodedText DecidedAt = JsonEncodedText.Encode("decidedAt");
    private static readonly JsonEncodedText LatencyMs = JsonEncodedText.Encode("latencyMs");
    private static readonly JsonEncodedText CatalogVersion = JsonEncodedText.Encode("catalogVersion");
    private static readonly JsonEncodedText ForecastVersion = JsonEncodedText.Encode("forecastVersion");
    private static readonly JsonEncodedText[] StageNames =
        [JsonEncodedText.Encode("awareness"), JsonEncodedText.Encode("consideration"), JsonEncodedText.Encode("intent"),
         JsonEncodedText.Encode("purchase"), JsonEncodedText.Encode("loyalty")];

    /// <summary>The decision's wire JSON as a new array of exactly its length (what a Kafka producer takes).</summary>
    public static byte[] ToUtf8Bytes(Decision decision) => Utf8JsonBuffer.ToArray(decision, Write);

    public static void Write(Utf8JsonWriter w, Decision d)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(d);
        w.WriteStartObject();
        w.WriteString(EventId, d.EventId);
        w.WriteString(SessionId, d.SessionId);
        w.WriteNumber(Sequence, d.Sequence);
        w.WriteString(Stage, StageNames[(int)d.Stage]);
        w.WriteStartObject(StageProbabilities);
        w.WriteNumber(Awareness, d.StageProbabilities.Awareness);
        w.WriteNumber(Consideration, d.StageProbabilities.Consideration);
        w.WriteNumber(Intent, d.StageProbabilities.Intent);
        w.WriteNumber(Purchase, d.StageProbabilities.Purchase);
        w.WriteNumber(Loyalty, d.StageProbabilities.Loyalty);
        w.WriteEndObject();
        w.WriteNumber(ConversionProbability, d.ConversionProbability);
        w.WriteNumber(FrictionScore, d.FrictionScore);
        w.WriteStartArray(Recommendations);
        for (var i = 0; i < d.Recommendations.Count; i++)
        {
            var r = d.Recommendations[i];
            w.WriteStartObject();
            w.WriteString(ProductId, r.ProductId);
            w.WriteNumber(Score, r.Score);
            w.WriteString(Reason, r.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (d.Price is { } p)
        {
            w.WriteStartObject(Price);
            w.WriteString(ProductId, p.ProductId);
            w.WriteNumber(ListPrice, p.ListPrice);
            w.WriteNumber(OfferPrice, p.OfferPrice);
            w.WriteNumber(ExpectedProfit, p.ExpectedProfit);
            w.WriteNumber(ConversionAtOffer, p.ConversionAtOffer);
            w.WriteString(Guardrail, p.Guardrail);
            w.WriteString(Reason, p.Reason);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull(Price);
        }
        w.WriteString(ModelVersion, d.ModelVersion);
        w.WriteString(EventTimestamp, d.EventTimestamp);
        w.WriteString(DecidedAt, d.DecidedAt);
        w.WriteNumber(LatencyMs, d.LatencyMs);
        NullableString(w, CatalogVersion, d.CatalogVersion);
        NullableString(w, ForecastVersion, d.ForecastVersion);
        w.WriteEndObject();
    }

    private static void NullableString(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
