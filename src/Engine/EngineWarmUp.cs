using Journeys.Contracts.Decisions;
using Journeys.Contracts.Events;
using Journeys.Scoring.Advice;
using Journeys.Scoring.Batching;
using Journeys.Scoring.Model;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;

namespace Journeys.Engine;

/// <summary>
/// Runs the decision path's code once on made-up input before the engine takes its first click: decode, batched model
/// steps and retrieval, advice, the decision's JSON and the snapshot. The engine's code is compiled optimized at its
/// first call (quick JIT is off), so without this the first real shoppers paid for those compilations — hundreds of
/// milliseconds of latency in the first second. Nothing is published, stored or counted.
/// </summary>
internal static class EngineWarmUp
{
    public static async Task RunAsync(StepBatcher batcher, ScoringModel model, DecisionAdvisor advisor, SessionOptions sessions,
        CancellationToken cancellationToken)
    {
        var product = model.Encoder.ProductAt(1);
        var click = new ClickEvent("warm-up-e1", "warm-up", "warm-up-user", DateTimeOffset.UtcNow, ClickType.ProductView, product,
            model.Encoder.Categories.Count > 0 ? model.Encoder.Categories[0] : null, 10);
        var decoded = ClickEventCodec.Decode(ClickEventCodec.Encode(click)).Event ?? click;
        var features = model.Encoder.Encode(decoded, null);
        var hidden = model.Info.HiddenSize;
        // A full batch and a single step: both shapes of the forward, and the retrieval after it.
        var steps = await Task.WhenAll(Enumerable.Range(0, 64)
            .Select(_ => batcher.StepAsync(features, new float[hidden], new float[hidden], cancellationToken).AsTask()));
        var step = steps[0];
        var advice = advisor.Advise(new AdviceRequest(decoded, step, product is null ? [] : [product], [], null));
        var p = step.StageProbabilities;
        var decision = new Decision(decoded.EventId, decoded.SessionId, 1, JourneyStage.Consideration,
            new StageProbabilities(p[0], p[1], p[2], p[3], p[4]), step.ConversionProbability, step.FrictionScore,
            advice.Recommendations, advice.Price, model.Info.Version, decoded.Timestamp, DateTimeOffset.UtcNow, 0,
            advice.CatalogVersion, advice.ForecastVersion);
        var json = DecisionJson.ToUtf8Bytes(decision);
        var slot = batcher.States.Rent();
        try
        {
            var state = new SessionState(decoded.SessionId, batcher.States, slot, sessions);
            state.Apply(decoded);
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            SessionSnapshotCodec.Complete(SessionSnapshotCodec.EncodeCore(state, model.Info.Version, 0, 0),
                [new PendingDecision(decoded.EventId, 0, json)], output);
        }
        finally
        {
            batcher.States.Return(slot);
        }
    }
}
