using System.Text.Json;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Json;

namespace Journeys.Contracts.Tests.Decisions;

public sealed class DecisionJsonTests
{
    [Fact]
    public void Writes_exactly_the_bytes_the_serializer_writes_for_any_decision()
    {
        var random = new Random(17);
        for (var i = 0; i < 2000; i++)
        {
            var decision = RandomDecision(random);

            var expected = JsonSerializer.SerializeToUtf8Bytes(decision, JourneysJsonContext.Default.Decision);
            var actual = DecisionJson.ToUtf8Bytes(decision);

            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
        }
    }

    [Fact]
    public void Reads_back_as_the_same_decision()
    {
        var decision = RandomDecision(new Random(3));

        var back = JsonSerializer.Deserialize(DecisionJson.ToUtf8Bytes(decision), JourneysJsonContext.Default.Decision)!;

        Assert.Equal(decision.EventId, back.EventId);
        Assert.Equal(decision.Recommendations, back.Recommendations);
        Assert.Equal(decision.Price, back.Price);
        Assert.Equal(decision.StageProbabilities, back.StageProbabilities);
    }

    private static Decision RandomDecision(Random r)
    {
        // Ids with characters the encoder escapes, floats from the model (widened to double) and awkward doubles.
        string Id(string prefix) => r.Next(6) switch
        {
            0 => $"{prefix}-<&>'\"+\\é🛒-{r.Next()}",
            1 => $"{prefix}\n\t{r.Next()}",
            _ => $"{prefix}-{r.Next()}",
        };
        double Number() => r.Next(5) switch
        {
            0 => (double)(float)r.NextDouble(),
            1 => r.NextDouble() * 1e-9,
            2 => Math.Round(r.NextDouble() * 1000, 2),
            3 => 0,
            _ => r.NextDouble(),
        };
        var recommendations = Enumerable.Range(0, r.Next(12))
            .Select(_ => new Recommendation(Id("p"), Number(), r.Next(2) == 0 ? "model" : "co_view"))
            .ToList();
        var price = r.Next(3) == 0
            ? null
            : new PriceOffer(Id("p"), Number(), Number(), Number(), Number(), "min_margin", $"reason {Number()} ≥ {Id("x")}");
        var at = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromMinutes(r.Next(-12, 13) * 60)).AddTicks(r.Next());
        return new Decision(Id("e"), Id("s"), r.Next(1, 1000), (JourneyStage)r.Next(5),
            new StageProbabilities(Number(), Number(), Number(), Number(), Number()), Number(), Number(), recommendations, price,
            Id("m"), at, at.AddMilliseconds(r.Next(100)), Number(), r.Next(3) == 0 ? null : Id("c"), r.Next(3) == 0 ? null : Id("f"));
    }
}
