using static TorchSharp.torch;

namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>
/// The rank of a target among scored items 1…N (index 0, out-of-vocabulary, never competes), with ties broken by item
/// index, lower first — the order a stable top-K would list them. So a tie can neither hide a hit nor invent one: the
/// rank is a deterministic function of the scores. A target outside 1…N is a miss (<see cref="Miss"/>).
/// </summary>
public static class Ranking
{
    public const int Miss = int.MaxValue;

    /// <summary>Rank (1 = best) of <paramref name="target"/> in dense <paramref name="scores"/> indexed by item (entry 0 ignored).</summary>
    public static int RankOf(ReadOnlySpan<float> scores, int target)
    {
        if (target <= 0 || target >= scores.Length) return Miss;
        var s = scores[target];
        if (float.IsNaN(s)) return Miss;
        var rank = 1;
        for (var i = 1; i < target; i++)
        {
            if (scores[i] >= s) rank++;
        }
        for (var i = target + 1; i < scores.Length; i++)
        {
            if (scores[i] > s) rank++;
        }
        return rank;
    }

    /// <summary>
    /// The best <paramref name="top"/>.Length items of dense <paramref name="scores"/> (entry 0 ignored), best first, in
    /// the order <see cref="RankOf"/> ranks them (higher score first, ties to the lower index; NaN never listed);
    /// returns how many were written (fewer only when there are fewer items).
    /// </summary>
    public static int Top(ReadOnlySpan<float> scores, Span<int> top)
    {
        var k = top.Length;
        var count = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            var s = scores[i];
            if (float.IsNaN(s)) continue;
            // Scanned by ascending index, so an equal score never displaces an earlier item.
            if (count == k && !(s > scores[top[k - 1]])) continue;
            var at = count == k ? k - 1 : count++;
            while (at > 0 && s > scores[top[at - 1]])
            {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = i;
        }
        return count;
    }

    /// <summary>
    /// Ranks for a batch: <paramref name="logits"/> [B, N+1] (column 0 ignored), <paramref name="targets"/> [B] int64.
    /// Same tie rule as <see cref="RankOf"/>; targets of 0 give <see cref="Miss"/>.
    /// </summary>
    public static int[] RanksOf(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        using var scope = NewDisposeScope();
        var columns = logits.shape[1];
        var target = targets.unsqueeze(1);
        var targetScore = logits.gather(1, target);
        var index = arange(columns, dtype: ScalarType.Int64, device: logits.device).unsqueeze(0);
        var valid = index.gt(0);
        var greater = logits.gt(targetScore).logical_and(valid);
        var tiedBefore = logits.eq(targetScore).logical_and(index.lt(target)).logical_and(valid);
        var ranks = (greater.sum(1) + tiedBefore.sum(1) + 1).cpu().data<long>().ToArray();
        var t = targets.cpu().data<long>().ToArray();
        var result = new int[ranks.Length];
        for (var i = 0; i < result.Length; i++) result[i] = t[i] <= 0 || t[i] >= columns ? Miss : (int)ranks[i];
        return result;
    }
}
