using System.Text;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.ProductFeed;

namespace Journeys.Contracts.Tests.ProductFeed;

public sealed class ProductFeedItemCodecTests
{
    [Fact]
    public void A_feed_record_round_trips_with_unknown_values_kept_unknown()
    {
        var item = new ProductFeedItem("p-1", "c-9", 19.99, null, 12);

        var (decoded, _, detail) = ProductFeedItemCodec.Decode(ProductFeedItemCodec.Encode(item));

        Assert.Null(detail);
        Assert.Equal(item, decoded);
    }

    [Theory]
    [InlineData("{\"productId\":\"p\",\"listPrice\":-1}", DeadLetterReason.InvalidValue, "listPrice")]
    [InlineData("{\"productId\":\"p\",\"listPrice\":0}", DeadLetterReason.InvalidValue, "listPrice")]
    [InlineData("{\"productId\":\"p\",\"cost\":-0.5}", DeadLetterReason.InvalidValue, "cost")]
    [InlineData("{\"productId\":\"p\",\"stock\":-3}", DeadLetterReason.InvalidValue, "stock")]
    [InlineData("{\"productId\":\"  \"}", DeadLetterReason.InvalidValue, "productId")]
    [InlineData("{\"listPrice\":3}", DeadLetterReason.MissingField, "productId")]
    [InlineData("{\"productId\":\"p\",\"stock\":1.5}", DeadLetterReason.InvalidJson, "")]
    [InlineData("not json", DeadLetterReason.InvalidJson, "")]
    public void An_invalid_record_is_refused_naming_the_field(string json, DeadLetterReason reason, string field)
    {
        var (item, why, detail) = ProductFeedItemCodec.Decode(Encoding.UTF8.GetBytes(json));

        Assert.Null(item);
        Assert.Equal(reason, why);
        Assert.Contains(field, detail, StringComparison.Ordinal);
    }
}
