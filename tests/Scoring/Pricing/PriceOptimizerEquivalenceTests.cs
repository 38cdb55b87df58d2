using Journeys.Scoring.Pricing;
using Journeys.Scoring.Tests.Advice;

namespace Journeys.Scoring.Tests.Pricing;

/// <summary>
/// The optimizer and the demand model against their reference copies (<see cref="ReferencePriceOptimizer"/>) on seeded
/// random settings, demand models, inputs and prior offers: offers equal field for field to the bit, reasons equal
/// character for character, refusals equal in type and message.
/// </summary>
public sealed class PriceOptimizerEquivalenceTests
{
    [Fact]
    public void Offers_equal_the_reference_field_for_field_and_reason_for_reason()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var world = new RandomAdviceWorld(seed);
            var options = world.PricingOptions();
            var demand = world.Demand();
            var optimizer = new PriceOptimizer(options, demand);
            var reference = new ReferencePriceOptimizer(options, demand);
            for (var i = 0; i < 12; i++)
            {
                var input = world.PricingInput();
                var prior = world.Prior(input.ProductId, input.ListPrice);

                AdviceAssert.SameResultOrThrow(() => reference.Offer(input, prior, RandomAdviceWorld.Now), () => optimizer.Offer(input, prior, RandomAdviceWorld.Now),
                    (e, a) => AdviceAssert.Same(e, a, $"seed {seed}, case {i}"), $"seed {seed}, case {i}");
            }
        }
    }

    [Fact]
    public void Purchase_probabilities_equal_the_reference_to_the_bit()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var world = new RandomAdviceWorld(seed);
            if (world.Demand() is not { } demand) continue;
            var reference = new ReferencePriceOptimizer(new PricingOptions(), demand);
            for (var i = 0; i < 20; i++)
            {
                var list = world.ListPrice();
                var price = list * (0.3 + world.Random.NextDouble());
                var (category, conversion, friction) = (world.Category(), world.Probability(), world.Probability());

                var expected = reference.Probability(price, list, category, conversion, friction);
                var actual = demand.Probability(price, list, category, conversion, friction);

                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                    $"seed {seed}, case {i}: {actual:R}, expected {expected:R}");
            }
        }
    }
}
