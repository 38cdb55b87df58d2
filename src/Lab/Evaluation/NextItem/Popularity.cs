namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>Click counts per item index over training sessions.</summary>
internal static class Popularity
{
    public static float[] Counts(IReadOnlyList<int[]> sessions, int itemCount)
    {
        var counts = new float[itemCount + 1];
        foreach (var s in sessions)
        {
            foreach (var i in s)
            {
                if (i > 0 && i <= itemCount) counts[i]++;
            }
        }
        return counts;
    }
}
