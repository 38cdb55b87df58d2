using Journeys.Contracts.Events;
using Journeys.Scoring.Model;
using static TorchSharp.torch;

namespace Journeys.Lab.Evaluation.Outcomes;

/// <summary>
/// The session model's conversion and friction probability after every event of a session: the events are encoded as
/// the engine encodes them (gap from the previous event of the session) and run through one full-sequence
/// <see cref="SessionModel.Forward"/> from the zero state under no_grad — the same numbers the engine's step-by-step
/// scoring produces for that session, without its batching.
/// </summary>
public static class ModelOutcomes
{
    public static (float[] Conversion, float[] Friction) PerStep(ScoringModel model, IReadOnlyList<ClickEvent> session)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(session);
        if (session.Count == 0)
        {
            return ([], []);
        }
        var indices = new long[session.Count * 5];
        DateTimeOffset? previous = null;
        for (var t = 0; t < session.Count; t++)
        {
            var f = model.Encoder.Encode(session[t], previous);
            previous = session[t].Timestamp;
            indices[(t * 5) + 0] = f.Type;
            indices[(t * 5) + 1] = f.Product;
            indices[(t * 5) + 2] = f.Category;
            indices[(t * 5) + 3] = f.PriceBucket;
            indices[(t * 5) + 4] = f.GapBucket;
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var inputs = tensor(indices, [1, session.Count, 5], ScalarType.Int64, model.Device);
        var output = model.Network.Forward(inputs);
        return (
            output.Conversion.squeeze(0).cpu().data<float>().ToArray(),
            output.Friction.squeeze(0).cpu().data<float>().ToArray());
    }

    /// <summary><see cref="PerStep"/> bound to <paramref name="model"/>, in the shape <see cref="OutcomeEvaluation.Run"/> takes.</summary>
    public static Func<IReadOnlyList<ClickEvent>, (float[] Conversion, float[] Friction)> Predictor(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return session => PerStep(model, session);
    }
}
