using System.Text;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Events;

namespace Journeys.Contracts.Tests.Events;

public sealed class ClickEventCodecTests
{
    private const string Valid =
        """{"eventId":"e-1","sessionId":"s-1","userId":"u-1","timestamp":"2026-11-22T10:00:00.123Z","type":"product_view","productId":"p-42","categoryId":"c-7","price":19.99,"quantity":1,"query":"rain boots","channel":"web"}""";

    private static DecodeResult Decode(string json) => ClickEventCodec.Decode(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Decodes_every_field_of_the_documented_example()
    {
        var r = Decode(Valid);

        Assert.True(r.IsValid, r.Detail);
        var e = r.Event!;
        Assert.Equal("e-1", e.EventId);
        Assert.Equal("s-1", e.SessionId);
        Assert.Equal("u-1", e.UserId);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero), e.Timestamp);
        Assert.Equal(ClickType.ProductView, e.Type);
        Assert.Equal("p-42", e.ProductId);
        Assert.Equal("c-7", e.CategoryId);
        Assert.Equal(19.99, e.Price);
        Assert.Equal(1, e.Quantity);
        Assert.Equal("rain boots", e.Query);
        Assert.Equal("web", e.Channel);
    }

    [Fact]
    public void Accepts_epoch_milliseconds_and_offsets_other_than_utc()
    {
        var ms = Decode("""{"eventId":"e","sessionId":"s","timestamp":1763805600123,"type":"page_view"}""");
        var offset = Decode("""{"eventId":"e","sessionId":"s","timestamp":"2026-11-22T11:00:00.123+01:00","type":"page_view"}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763805600123), ms.Event!.Timestamp);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero), offset.Event!.Timestamp.ToUniversalTime());
    }

    [Fact]
    public void Ignores_unknown_fields_including_nested_ones()
    {
        var r = Decode("""{"eventId":"e","extra":{"a":[1,2,{"b":null}]},"sessionId":"s","timestamp":1,"type":"page_view","x":true}""");

        Assert.True(r.IsValid, r.Detail);
    }

    [Fact]
    public void Reads_escaped_property_names_and_values()
    {
        var r = Decode("""{"event\u0049d":"e\u002d1","sessionId":"s","timestamp":1,"type":"p\u0061ge_view"}""");

        Assert.True(r.IsValid, r.Detail);
        Assert.Equal("e-1", r.Event!.EventId);
        Assert.Equal(ClickType.PageView, r.Event.Type);
    }

    [Theory]
    [InlineData("", DeadLetterReason.InvalidJson)]
    [InlineData("not json", DeadLetterReason.InvalidJson)]
    [InlineData("[1,2]", DeadLetterReason.InvalidJson)]
    [InlineData("""{"eventId":"e","sessionId":"s",""", DeadLetterReason.InvalidJson)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"page_view"} {}""", DeadLetterReason.InvalidJson)]
    [InlineData("""{"sessionId":"s","timestamp":1,"type":"page_view"}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":"e","timestamp":1,"type":"page_view"}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":"e","sessionId":"s","type":"page_view"}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":null,"sessionId":"s","timestamp":1,"type":"page_view"}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"product_view"}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"add_to_cart"}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"remove_from_cart"}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"purchase"}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"search"}""", DeadLetterReason.MissingField)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"teleport"}""", DeadLetterReason.UnknownType)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"PAGE_VIEW"}""", DeadLetterReason.UnknownType)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":7}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"","sessionId":"s","timestamp":1,"type":"page_view"}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":42,"sessionId":"s","timestamp":1,"type":"page_view"}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":"2026-11-22T10:00:00","type":"page_view"}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":"yesterday","type":"page_view"}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":-5,"type":"page_view"}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1.5,"type":"page_view"}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"page_view","price":-0.01}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"page_view","price":"9.99"}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"page_view","price":1e400}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"page_view","quantity":0}""", DeadLetterReason.InvalidValue)]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"page_view","quantity":1.5}""", DeadLetterReason.InvalidValue)]
    public void Rejects_bad_input_with_the_right_reason(string json, DeadLetterReason expected)
    {
        var r = Decode(json);

        Assert.False(r.IsValid);
        Assert.Equal(expected, r.Reason);
        Assert.False(string.IsNullOrWhiteSpace(r.Detail));
    }

    [Theory]
    [InlineData("""{"eventId":"\ud83d","sessionId":"s","timestamp":1,"type":"page_view"}""")]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"page_view","query":"a\ude00b"}""")]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"p\ude00age_view"}""")]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":"2026-11-22\ude00T10:00:00Z","type":"page_view"}""")]
    [InlineData("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"page_view","\ud83dchannel":"x"}""")]
    public void Refuses_escapes_that_are_not_UTF16_in_any_string_as_invalid_json(string json)
    {
        // Found by fuzzing: a lone surrogate escape is well-formed to Utf8JsonReader but GetString() throws on it.
        var r = Decode(json);

        Assert.Equal(DeadLetterReason.InvalidJson, r.Reason);
        Assert.Contains("UTF-16", r.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_missing_field_in_the_detail()
    {
        var r = Decode("""{"eventId":"e","sessionId":"s","timestamp":1,"type":"purchase"}""");

        Assert.Contains("productId", r.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_payloads_over_64_KiB_before_parsing()
    {
        var big = new byte[ClickEventCodec.MaxPayloadBytes + 1];

        var r = ClickEventCodec.Decode(big);

        Assert.Equal(DeadLetterReason.PayloadTooLarge, r.Reason);
    }

    [Fact]
    public void Rejects_ids_longer_than_the_limit()
    {
        var id = new string('x', ClickEventCodec.MaxIdLength + 1);

        var r = Decode($$"""{"eventId":"e","sessionId":"{{id}}","timestamp":1,"type":"page_view"}""");

        Assert.Equal(DeadLetterReason.InvalidValue, r.Reason);
    }

    [Fact]
    public void Encode_then_decode_round_trips()
    {
        var e = Decode(Valid).Event!;

        var again = ClickEventCodec.Decode(ClickEventCodec.Encode(e));

        Assert.Equal(e, again.Event);
    }

    [Fact]
    public void Survives_random_byte_mutations_without_throwing()
    {
        // A collector bug can send anything; the decoder must answer with a reason, never an exception.
        var rng = new Random(20261122);
        var bytes = Encoding.UTF8.GetBytes(Valid);
        for (var i = 0; i < 5000; i++)
        {
            var mutated = (byte[])bytes.Clone();
            for (var k = 0; k < 1 + rng.Next(4); k++)
            {
                mutated[rng.Next(mutated.Length)] = (byte)rng.Next(256);
            }
            var r = ClickEventCodec.Decode(mutated);
            Assert.True(r.IsValid || r.Detail is not null);
        }
    }
}
