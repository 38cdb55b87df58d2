namespace Journeys.Scoring.Catalog;

/// <summary>
/// What the catalog model remembers of one session: its last distinct viewed products (most recent first) for co-view
/// pairs, and its basket (product → strongest level reached: cart weight or 1 for a purchase) for co-purchase pairs.
/// </summary>
internal sealed class SessionMemory(int window)
{
    public string[] Recent { get; } = new string[window];

    public int RecentCount { get; private set; }

    public Dictionary<string, float>? Basket { get; set; }

    public int IndexOfRecent(string productId)
    {
        for (var i = 0; i < RecentCount; i++)
        {
            if (string.Equals(Recent[i], productId, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    /// <summary>Puts <paramref name="productId"/> first; the oldest falls out when the window is full.</summary>
    public void MoveToFront(string productId)
    {
        var at = IndexOfRecent(productId);
        if (at < 0)
        {
            at = Math.Min(RecentCount, Recent.Length - 1);
            if (RecentCount < Recent.Length) RecentCount++;
        }
        Array.Copy(Recent, 0, Recent, 1, at);
        Recent[0] = productId;
    }
}
