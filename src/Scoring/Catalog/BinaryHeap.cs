namespace Journeys.Scoring.Catalog;

/// <summary>Which of two heap entries belongs nearer the root (a struct, so the sift loops are specialized and inlined).</summary>
internal interface IHeapOrder<T>
{
    bool Above(in T a, in T b);
}

/// <summary>Sift operations of a binary heap kept in an array, for the scorer's several small heaps.</summary>
internal static class BinaryHeap
{
    /// <summary>Puts <paramref name="item"/> at <paramref name="hole"/> (the heap's new last slot) and moves it up to its place.</summary>
    public static void SiftUp<T, TOrder>(T[] heap, int hole, T item, TOrder order) where TOrder : struct, IHeapOrder<T>
    {
        while (hole > 0)
        {
            var parent = (hole - 1) / 2;
            if (!order.Above(item, heap[parent])) break;
            heap[hole] = heap[parent];
            hole = parent;
        }
        heap[hole] = item;
    }

    /// <summary>Puts <paramref name="item"/> at <paramref name="hole"/> of a heap of <paramref name="count"/> entries and moves it down to its place.</summary>
    public static void SiftDown<T, TOrder>(T[] heap, int hole, T item, int count, TOrder order) where TOrder : struct, IHeapOrder<T>
    {
        while (true)
        {
            var child = (2 * hole) + 1;
            if (child >= count) break;
            if (child + 1 < count && order.Above(heap[child + 1], heap[child])) child++;
            if (!order.Above(heap[child], item)) break;
            heap[hole] = heap[child];
            hole = child;
        }
        heap[hole] = item;
    }

    /// <summary>Sorts a heap of <paramref name="count"/> entries in place, the root's end last (a worst-on-top heap ends best first).</summary>
    public static void Sort<T, TOrder>(T[] heap, int count, TOrder order) where TOrder : struct, IHeapOrder<T>
    {
        for (var n = count - 1; n > 0; n--)
        {
            var root = heap[0];
            SiftDown(heap, 0, heap[n], n, order);
            heap[n] = root;
        }
    }
}
