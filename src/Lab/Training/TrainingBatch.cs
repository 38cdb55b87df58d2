namespace Journeys.Lab.Training;

/// <summary>A padded batch in flat arrays, built once and reused every epoch.</summary>
internal sealed class TrainingBatch
{
    public TrainingBatch(List<TrainingSequence> sessions)
    {
        Sessions = sessions;
        Length = sessions.Max(s => s.Steps.Length);
        Inputs = new long[sessions.Count * Length * 5];
        var targetPositions = new List<long>();
        var targets = new List<long>();
        var outcomePositions = new List<long>();
        var converts = new List<float>();
        var friction = new List<float>();
        var stages = new List<long>();
        for (var i = 0; i < sessions.Count; i++)
        {
            var s = sessions[i];
            for (var t = 0; t < s.Steps.Length; t++)
            {
                var position = (i * Length) + t;
                var f = s.Steps[t];
                var o = position * 5;
                Inputs[o] = f.Type;
                Inputs[o + 1] = f.Product;
                Inputs[o + 2] = f.Category;
                Inputs[o + 3] = f.PriceBucket;
                Inputs[o + 4] = f.GapBucket;
                if (s.NextItems[t] > 0)
                {
                    targetPositions.Add(position);
                    targets.Add(s.NextItems[t]);
                }
                if (s.Outcomes is { Known: true } labels)
                {
                    outcomePositions.Add(position);
                    converts.Add(labels.Converts[t] ? 1 : 0);
                    friction.Add(labels.Friction[t] ? 1 : 0);
                    stages.Add((long)labels.FurthestStage);
                }
            }
            Events += s.Steps.Length;
        }
        TargetPositions = [.. targetPositions];
        Targets = [.. targets];
        OutcomePositions = [.. outcomePositions];
        Converts = [.. converts];
        Friction = [.. friction];
        Stages = [.. stages];
    }

    public List<TrainingSequence> Sessions { get; }
    public int Length { get; }
    public long Events { get; }
    public long[] Inputs { get; }
    public long[] TargetPositions { get; }
    public long[] Targets { get; }
    public long[] OutcomePositions { get; }
    public float[] Converts { get; }
    public float[] Friction { get; }
    public long[] Stages { get; }
}
