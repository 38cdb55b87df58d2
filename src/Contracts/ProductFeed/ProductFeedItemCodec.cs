using System.Globalization;
using System.Text.Json;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Events;
using Journeys.Contracts.Json;

namespace Journeys.Contracts.ProductFeed;

/// <summary>
/// Decodes product feed records from its topic (<c>journeys.catalog</c>) and validates feed rows from any source (topic or file) by
/// one rule set, so a row the CLI refuses is exactly a record the engine dead-letters.
/// </summary>
public static class ProductFeedItemCodec
{
    /// <summary>Largest accepted record (a feed row is a few hundred bytes).</summary>
    public const int MaxPayloadBytes = 16 * 1024;

    /// <summary>A decoded, valid item, or the reason it was refused (never both).</summary>
    public static (ProductFeedItem? Item, DeadLetterReason Reason, string? Detail) Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            return (null, DeadLetterReason.PayloadTooLarge, $"payload is {payload.Length} bytes; the limit is {MaxPayloadBytes}");
        }
        ProductFeedItem? item;
        try
        {
            item = JsonSerializer.Deserialize(payload, JourneysJsonContext.Default.ProductFeedItem);
        }
        catch (JsonException e)
        {
            return (null, DeadLetterReason.InvalidJson, e.Message);
        }
        if (item is null)
        {
            // The dead letter's wording is left as it was published before the rename.
            return (null, DeadLetterReason.InvalidJson, "payload is JSON null, not a catalog item");
        }
        if (item.ProductId is null)
        {
            return (null, DeadLetterReason.MissingField, "productId is required");
        }
        return Validate(item) is { } problem ? (null, DeadLetterReason.InvalidValue, problem) : (item, default, null);
    }

    public static byte[] Encode(ProductFeedItem item) => JsonSerializer.SerializeToUtf8Bytes(item, JourneysJsonContext.Default.ProductFeedItem);

    /// <summary>What is wrong with a row, naming the field, or null when it is valid.</summary>
    public static string? Validate(ProductFeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrWhiteSpace(item.ProductId))
        {
            return "productId is required";
        }
        if (item.ProductId.Length > ClickEventCodec.MaxIdLength)
        {
            return $"productId is longer than {ClickEventCodec.MaxIdLength} characters";
        }
        if (item.CategoryId is { Length: > ClickEventCodec.MaxIdLength })
        {
            return $"categoryId is longer than {ClickEventCodec.MaxIdLength} characters";
        }
        if (item.ListPrice is { } list && (!double.IsFinite(list) || list <= 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"listPrice must be a positive number; got {list}");
        }
        if (item.Cost is { } cost && (!double.IsFinite(cost) || cost < 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"cost must be a number ≥ 0; got {cost}");
        }
        if (item.Stock is < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"stock must be ≥ 0; got {item.Stock}");
        }
        return null;
    }
}
