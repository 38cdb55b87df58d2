using System.Text.Json;
using Journeys.Contracts.DeadLetters;
using Journeys.Contracts.Decisions;
using Journeys.Contracts.Json;

namespace Journeys.Contracts.Tests.Json;

public sealed class JourneysJsonContextTests
{
    [Fact]
    public void Decision_uses_the_documented_wire_names_and_an_explicit_null_price()
    {
        var d = new Decision("e-1", "s-1", 3, JourneyStage.Intent, new StageProbabilities(0.1, 0.2, 0.3, 0.3, 0.1),
            0.25, 0.5, [new Recommendation("p-1", 0.9, "model")], null, "untrained-seed42-abc",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1.5);

        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(d, JourneysJsonContext.Default.Decision));
        var root = doc.RootElement;

        Assert.Equal("intent", root.GetProperty("stage").GetString());
        Assert.Equal(0.3, root.GetProperty("stageProbabilities").GetProperty("intent").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("price").ValueKind);
        Assert.Equal("model", root.GetProperty("recommendations")[0].GetProperty("reason").GetString());
        foreach (var name in new[] { "eventId", "sessionId", "sequence", "conversionProbability", "frictionScore",
                     "modelVersion", "eventTimestamp", "decidedAt", "latencyMs" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public void Dead_letter_uses_the_documented_wire_names()
    {
        var dl = new DeadLetter(DeadLetterReasons.ToCode(DeadLetterReason.UnknownType), "bad type", "journeys.clicks", 2,
            17, "s-1", "e30=");

        var json = JsonSerializer.Serialize(dl, JourneysJsonContext.Default.DeadLetter);

        Assert.Equal(
            """{"reason":"unknown_type","detail":"bad type","topic":"journeys.clicks","partition":2,"offset":17,"key":"s-1","payloadBase64":"e30="}""",
            json);
    }
}
