using System.Globalization;
using System.Text.Json;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Json;

namespace Journeys.Contracts.Events;

/// <summary>
/// Decodes and validates click events straight from the Kafka payload bytes. Every rejection names its reason code
/// and the field, so the dead letter tells the collector's owner exactly what to fix.
/// </summary>
public static class ClickEventCodec
{
    /// <summary>Largest accepted payload; larger ones are dead-lettered as payload_too_large.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>Longest accepted identifier (ids are held per session; unbounded ids would unbound memory).</summary>
    public const int MaxIdLength = 256;

    /// <summary>Longest accepted search query.</summary>
    public const int MaxQueryLength = 1024;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    public static DecodeResult Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            return DecodeResult.Fail(DeadLetterReason.PayloadTooLarge,
                $"payload is {payload.Length} bytes; the limit is {MaxPayloadBytes}");
        }
        if (payload.IsEmpty)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidJson, "payload is empty");
        }
        try
        {
            return DecodeObject(payload);
        }
        catch (JsonException ex)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidJson, ex.Message);
        }
    }

    /// <summary>
    /// The string or property name at <paramref name="r"/>. Utf8JsonReader validates structure, not the text inside
    /// strings: GetString() throws InvalidOperationException for bytes that are not UTF-8 and for escapes that are not
    /// UTF-16 (a lone surrogate such as <c>\ud800</c>, found by fuzzing). Both are malformed JSON, refused as such.
    /// </summary>
    private static string Text(ref Utf8JsonReader r)
    {
        try
        {
            return r.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException(ex.InnerException is System.Text.DecoderFallbackException
                ? "a string is not valid UTF-8"
                : "a string holds an escape that is not valid UTF-16 (a lone surrogate)", ex);
        }
    }

    private static DecodeResult DecodeObject(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidJson, "payload is not a JSON object");
        }

        string? eventId = null, sessionId = null, userId = null, productId = null, categoryId = null, query = null,
            channel = null;
        DateTimeOffset? timestamp = null;
        ClickType? type = null;
        double? price = null;
        int? quantity = null;

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            // The reader only yields PropertyName here: the outer token is an object.
            // ValueSpan points into the payload, so it stays valid after the reader moves on.
            var name = reader.ValueIsEscaped
                ? System.Text.Encoding.UTF8.GetBytes(Text(ref reader))
                : reader.ValueSpan;
            if (!reader.Read())
            {
                return DecodeResult.Fail(DeadLetterReason.InvalidJson, "payload ends inside an object");
            }
            if (ReadField(name, ref reader) is { } f)
            {
                return f;
            }
        }
        // A trailing token after the root object is malformed JSON too.
        if (reader.Read())
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidJson, "data after the end of the JSON object");
        }

        if (eventId is null) return Missing("eventId");
        if (sessionId is null) return Missing("sessionId");
        if (timestamp is null) return Missing("timestamp");
        if (type is null) return Missing("type");
        if (ClickTypes.RequiresProduct(type.Value) && productId is null)
        {
            return DecodeResult.Fail(DeadLetterReason.MissingField,
                $"productId is required for type {ClickTypes.ToWire(type.Value)}");
        }
        if (type == ClickType.Search && query is null)
        {
            return DecodeResult.Fail(DeadLetterReason.MissingField, "query is required for type search");
        }
        return DecodeResult.Ok(new ClickEvent(eventId, sessionId, userId, timestamp.Value, type.Value, productId,
            categoryId, price, quantity, query, channel));

        DecodeResult? ReadField(ReadOnlySpan<byte> field, ref Utf8JsonReader r)
        {
            if (field.SequenceEqual("eventId"u8)) return ReadId(ref r, "eventId", required: true, out eventId);
            if (field.SequenceEqual("sessionId"u8)) return ReadId(ref r, "sessionId", required: true, out sessionId);
            if (field.SequenceEqual("userId"u8)) return ReadId(ref r, "userId", required: false, out userId);
            if (field.SequenceEqual("productId"u8)) return ReadId(ref r, "productId", required: false, out productId);
            if (field.SequenceEqual("categoryId"u8)) return ReadId(ref r, "categoryId", required: false, out categoryId);
            if (field.SequenceEqual("channel"u8)) return ReadId(ref r, "channel", required: false, out channel);
            if (field.SequenceEqual("query"u8)) return ReadText(ref r, "query", MaxQueryLength, out query);
            if (field.SequenceEqual("type"u8)) return ReadType(ref r, out type);
            if (field.SequenceEqual("timestamp"u8)) return ReadTimestamp(ref r, out timestamp);
            if (field.SequenceEqual("price"u8)) return ReadPrice(ref r, out price);
            if (field.SequenceEqual("quantity"u8)) return ReadQuantity(ref r, out quantity);
            // Unknown fields are ignored by contract (collectors may add fields before Journeys reads them).
            r.Skip();
            return null;
        }
    }

    private static DecodeResult Missing(string field) =>
        DecodeResult.Fail(DeadLetterReason.MissingField, $"{field} is required");

    private static DecodeResult? ReadId(ref Utf8JsonReader r, string field, bool required, out string? value)
    {
        value = null;
        if (r.TokenType == JsonTokenType.Null)
        {
            return required ? Missing(field) : null;
        }
        if (r.TokenType != JsonTokenType.String)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue, $"{field} must be a string");
        }
        var s = Text(ref r);
        if (s.Length == 0 || string.IsNullOrWhiteSpace(s))
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue, $"{field} must not be empty");
        }
        if (s.Length > MaxIdLength)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue,
                $"{field} is {s.Length} characters; the limit is {MaxIdLength}");
        }
        value = s;
        return null;
    }

    private static DecodeResult? ReadText(ref Utf8JsonReader r, string field, int maxLength, out string? value)
    {
        value = null;
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (r.TokenType != JsonTokenType.String)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue, $"{field} must be a string");
        }
        var s = Text(ref r);
        if (s.Length > maxLength)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue,
                $"{field} is {s.Length} characters; the limit is {maxLength}");
        }
        value = s;
        return null;
    }

    private static DecodeResult? ReadType(ref Utf8JsonReader r, out ClickType? type)
    {
        type = null;
        if (r.TokenType == JsonTokenType.Null)
        {
            return Missing("type");
        }
        if (r.TokenType != JsonTokenType.String)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue, "type must be a string");
        }
        if (!r.ValueIsEscaped && ClickTypes.TryParse(r.ValueSpan, out var t))
        {
            type = t;
            return null;
        }
        var text = Text(ref r);
        if (ClickTypes.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out t))
        {
            type = t;
            return null;
        }
        return DecodeResult.Fail(DeadLetterReason.UnknownType,
            $"type '{Truncate(text)}' is not one of page_view, product_view, search, add_to_cart, remove_from_cart, checkout_start, purchase");
    }

    private static DecodeResult? ReadTimestamp(ref Utf8JsonReader r, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        switch (r.TokenType)
        {
            case JsonTokenType.Null:
                return Missing("timestamp");
            case JsonTokenType.Number:
                if (!r.TryGetInt64(out var ms) || ms < 0 || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
                {
                    return DecodeResult.Fail(DeadLetterReason.InvalidValue,
                        "timestamp as a number must be whole epoch milliseconds");
                }
                timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                return null;
            case JsonTokenType.String:
                var s = Text(ref r);
                // ISO-8601 with an explicit offset ('Z' or ±hh:mm): a timestamp without one is ambiguous.
                if (!HasOffset(s) || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                        DateTimeStyles.RoundtripKind, out var ts))
                {
                    return DecodeResult.Fail(DeadLetterReason.InvalidValue,
                        $"timestamp '{Truncate(s)}' is not ISO-8601 with an offset (e.g. 2026-11-22T10:00:00.123Z) or epoch milliseconds");
                }
                timestamp = ts;
                return null;
            default:
                return DecodeResult.Fail(DeadLetterReason.InvalidValue,
                    "timestamp must be an ISO-8601 string or epoch milliseconds");
        }
    }

    private static bool HasOffset(string s)
    {
        var t = s.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            return false;
        }
        var time = s.AsSpan(t + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
    }

    private static DecodeResult? ReadPrice(ref Utf8JsonReader r, out double? price)
    {
        price = null;
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (r.TokenType != JsonTokenType.Number || !r.TryGetDouble(out var p))
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue, "price must be a number");
        }
        if (!double.IsFinite(p) || p < 0)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue, "price must be finite and at least 0");
        }
        price = p;
        return null;
    }

    private static DecodeResult? ReadQuantity(ref Utf8JsonReader r, out int? quantity)
    {
        quantity = null;
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out var q))
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue, "quantity must be a whole number");
        }
        if (q < 1)
        {
            return DecodeResult.Fail(DeadLetterReason.InvalidValue, "quantity must be at least 1");
        }
        quantity = q;
        return null;
    }

    private static string Truncate(string s) => s.Length <= 64 ? s : string.Concat(s.AsSpan(0, 64), "…");

    /// <summary>Encodes an event in the wire format (used by replay and the load generator).</summary>
    public static byte[] Encode(ClickEvent e) => Utf8JsonBuffer.ToArray(e, Write);

    /// <summary>Writes an event in the wire format.</summary>
    public static void Write(Utf8JsonWriter w, ClickEvent e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        w.WriteString("eventId"u8, e.EventId);
        w.WriteString("sessionId"u8, e.SessionId);
        if (e.UserId is not null) w.WriteString("userId"u8, e.UserId);
        w.WriteString("timestamp"u8, e.Timestamp);
        w.WriteString("type"u8, ClickTypes.ToWire(e.Type));
        if (e.ProductId is not null) w.WriteString("productId"u8, e.ProductId);
        if (e.CategoryId is not null) w.WriteString("categoryId"u8, e.CategoryId);
        if (e.Price is { } p) w.WriteNumber("price"u8, p);
        if (e.Quantity is { } q) w.WriteNumber("quantity"u8, q);
        if (e.Query is not null) w.WriteString("query"u8, e.Query);
        if (e.Channel is not null) w.WriteString("channel"u8, e.Channel);
        w.WriteEndObject();
    }
}
