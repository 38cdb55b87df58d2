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

    public void Write(BinaryWriter writer)
    {
        writer.Write7BitEncodedInt(RecentCount);
        for (var i = 0; i < RecentCount; i++) writer.Write(Recent[i]);
        writer.Write7BitEncodedInt(Basket?.Count ?? -1);
        foreach (var (id, level) in Basket ?? [])
        {
            writer.Write(id);
            writer.Write(level);
        }
    }

    public void ReadFrom(BinaryReader reader, int maxBasketItems)
    {
        RecentCount = Views.StateIo.ReadCount(reader, Recent.Length, "recent products of a session");
        for (var i = 0; i < RecentCount; i++) Recent[i] = reader.ReadString();
        var basket = reader.Read7BitEncodedInt();
        if (basket < 0) return;
        if (basket > maxBasketItems) throw new InvalidDataException($"View state: a basket of {basket} products, more than Catalog:MaxBasketItems");
        Basket = new Dictionary<string, float>(basket, StringComparer.Ordinal);
        for (var i = 0; i < basket; i++) Basket[reader.ReadString()] = reader.ReadSingle();
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
