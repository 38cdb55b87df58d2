using Journeys.Scoring.Views;

namespace Journeys.Scoring.Tests.Views;

public sealed class ViewStateTests
{
    private static byte[] Encoded() => ViewState.Encode("catalog", new Dictionary<int, long> { [3] = 17, [0] = 5 }, w =>
    {
        for (var i = 0; i < 5000; i++) w.Write($"product-{i % 300}");
    });

    [Fact]
    public void A_compressed_state_reads_back_the_same_positions_and_model_bytes_and_is_smaller()
    {
        var raw = Encoded();
        var compressed = ViewState.Compress(raw);

        var a = ViewState.Decode(raw, "catalog");
        var b = ViewState.Decode(compressed, "catalog");

        Assert.True(compressed.Length < raw.Length / 3, $"{compressed.Length} of {raw.Length} bytes");
        Assert.Equal(new Dictionary<int, long> { [0] = 5, [3] = 17 }, b.Positions.Next);
        for (var i = 0; i < 5000; i++) Assert.Equal(a.Body.ReadString(), b.Body.ReadString());
        Assert.Same(compressed, ViewState.Compress(compressed));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { (byte)'J', (byte)'V', (byte)'S' })]
    [InlineData(new byte[] { (byte)'J', (byte)'V', (byte)'S', 9, 0 })]
    [InlineData(new byte[] { (byte)'X', (byte)'V', (byte)'S', 1, 0 })]
    public void A_damaged_header_is_refused_with_a_reason(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => ViewState.Decode(bytes, "catalog"));
        Assert.Throws<InvalidDataException>(() => ViewState.Compress(bytes));
    }

    [Fact]
    public void An_unknown_compression_is_refused()
    {
        var bytes = Encoded();
        // The compression byte follows the positions: magic 3, format 1, name 8, count 1, two × (1 + 8).
        bytes[3 + 1 + 8 + 1 + 18] = 7;

        var error = Assert.Throws<InvalidDataException>(() => ViewState.Decode(bytes, "catalog"));

        Assert.Contains("compression 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_skip_what_the_state_covers_and_count_the_rest()
    {
        var positions = new ViewPositions(new Dictionary<int, long> { [1] = 10 });
        var click = ViewStreams.Mixed(1, 1)[0];

        Assert.False(positions.Admit(new ViewClick(1, 9, click)));
        Assert.True(positions.Admit(new ViewClick(1, 10, click)));
        Assert.False(positions.Admit(new ViewClick(1, 10, click)));
        Assert.True(positions.Admit(new ViewClick(2, 0, click)));
        Assert.True(positions.Admit(ViewClick.Unplaced(click)));
        Assert.Equal(2, positions.Skipped);
        Assert.Equal(new Dictionary<int, long> { [1] = 11, [2] = 1 }, positions.Next);
    }
}
