using Journeys.Contracts.Events;
using Journeys.Lab.Evaluation.Outcomes;
using TorchSharp;
using static Journeys.Scoring.Tests.TestModels;

namespace Journeys.Lab.Tests.Evaluation.Outcomes;

public sealed class ModelOutcomesTests
{
    [Fact]
    public void Per_step_outcomes_match_one_step_at_a_time()
    {
        using var model = Seeded();
        var start = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        ClickEvent[] session =
        [
            new("e0", "s", null, start, ClickType.ProductView, "p3", "c3", 37.5),
            new("e1", "s", null, start.AddSeconds(12), ClickType.AddToCart, "p3", "c3", 37.5),
            new("e2", "s", null, start.AddSeconds(400), ClickType.ProductView, "unknown", null, 5),
            new("e3", "s", null, start.AddHours(2), ClickType.Purchase, "p3", "c3", 37.5),
        ];
        var (conversion, friction) = ModelOutcomes.PerStep(model, session);
        Assert.Equal(4, conversion.Length);
        Assert.Equal(4, friction.Length);

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var hidden = model.Metadata.Dimensions.HiddenSize;
        var h = torch.zeros(1, hidden);
        var c = torch.zeros(1, hidden);
        DateTimeOffset? previous = null;
        for (var t = 0; t < session.Length; t++)
        {
            var input = torch.tensor(Indices(model.Encoder.Encode(session[t], previous)), [1, 5]);
            previous = session[t].Timestamp;
            var step = model.Network.Step(input, h, c);
            (h, c) = (step.H, step.C);
            Assert.Equal(step.Conversion.item<float>(), conversion[t], 1e-5f);
            Assert.Equal(step.Friction.item<float>(), friction[t], 1e-5f);
        }
    }

    [Fact]
    public void An_empty_session_has_no_steps()
    {
        using var model = Seeded();
        var (conversion, friction) = ModelOutcomes.PerStep(model, []);
        Assert.Empty(conversion);
        Assert.Empty(friction);
    }
}
