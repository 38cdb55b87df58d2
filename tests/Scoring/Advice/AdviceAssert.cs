using Journeys.Contracts.Decisions;
using Journeys.Scoring.Recommendations;

namespace Journeys.Scoring.Tests.Advice;

/// <summary>
/// Equality of advice down to the bit: ids and reasons by ordinal comparison, numbers by their IEEE bits (so −0 ≠ +0 and
/// a changed rounding shows), lists in order. Each failure names the case, so a seed reproduces it.
/// </summary>
internal static class AdviceAssert
{
    public static void Same(IReadOnlyList<BlendedItem> expected, IReadOnlyList<BlendedItem> actual, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: {actual.Count} candidates, expected {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.True(string.Equals(e.ProductId, a.ProductId, StringComparison.Ordinal)
                    && BitConverter.SingleToInt32Bits(e.Score) == BitConverter.SingleToInt32Bits(a.Score)
                    && string.Equals(e.Reason, a.Reason, StringComparison.Ordinal),
                $"{context}: candidate {i} is {a}, expected {e}");
        }
    }

    public static void Same(IReadOnlyList<Recommendation> expected, IReadOnlyList<Recommendation> actual, string context)
    {
        Assert.True(expected.Count == actual.Count,
            $"{context}: {actual.Count} recommendations [{string.Join(", ", actual)}], expected {expected.Count} [{string.Join(", ", expected)}]");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.True(string.Equals(e.ProductId, a.ProductId, StringComparison.Ordinal)
                    && BitConverter.DoubleToInt64Bits(e.Score) == BitConverter.DoubleToInt64Bits(a.Score)
                    && string.Equals(e.Reason, a.Reason, StringComparison.Ordinal),
                $"{context}: recommendation {i} is {a}, expected {e}");
        }
    }

    public static void Same(PriceOffer? expected, PriceOffer? actual, string context)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{context}: offer {actual}, expected {expected}");
            return;
        }
        Assert.True(string.Equals(expected.ProductId, actual.ProductId, StringComparison.Ordinal)
                && Bits(expected.ListPrice) == Bits(actual.ListPrice)
                && Bits(expected.OfferPrice) == Bits(actual.OfferPrice)
                && Bits(expected.ExpectedProfit) == Bits(actual.ExpectedProfit)
                && Bits(expected.ConversionAtOffer) == Bits(actual.ConversionAtOffer)
                && string.Equals(expected.Guardrail, actual.Guardrail, StringComparison.Ordinal)
                && string.Equals(expected.Reason, actual.Reason, StringComparison.Ordinal),
            $"{context}: offer {actual}, expected {expected}");
    }

    /// <summary>Runs both sides; when the reference throws, the code under test must throw the same type and message.</summary>
    public static void SameResultOrThrow<T>(Func<T> reference, Func<T> actual, Action<T, T> same, string context)
    {
        T expected;
        try
        {
            expected = reference();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            var thrown = Record.Exception(() => actual());
            Assert.True(thrown is not null && thrown.GetType() == e.GetType() && thrown.Message == e.Message,
                $"{context}: the reference threw {e.GetType().Name} ({e.Message}); got {thrown?.GetType().Name ?? "no exception"} ({thrown?.Message})");
            return;
        }
        same(expected, actual());
    }

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
}
