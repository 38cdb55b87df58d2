using System.Buffers.Binary;
using System.Globalization;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using StackExchange.Redis;
using static TorchSharp.torch;

namespace Journeys.Scoring.Retrieval;

/// <summary>
/// Approximate search in a Garnet vector set (VADD/VSIM, DiskANN; Garnet started with --enable-vector-set-preview).
/// Items are elements named by their row as 4 little-endian bytes. VSIM finds k candidates per query (one pipelined
/// command per query); the index re-scores them against its own copy of the table, so the logits are exact dot
/// products and Garnet's quantization can only change which items are found, not their scores.
/// Dot product: either Garnet's inner-product metric or L2 after the <see cref="MaxInnerProduct"/> transform
/// (<see cref="GarnetVectorOptions.Metric"/>).
/// </summary>
public sealed class GarnetVectorIndex : IItemIndex
{
    private readonly IDatabase _database;
    private readonly IDisposable? _connection;
    private readonly GarnetVectorOptions _options;
    private readonly float[] _table;
    private readonly int _dimensions;

    private GarnetVectorIndex(IDatabase database, IDisposable? connection, GarnetVectorOptions options, float[] table, long rows, int dimensions)
    {
        this._database = database;
        this._connection = connection;
        this._options = options;
        this._table = table;
        this._dimensions = dimensions;
        ItemCount = rows;
    }

    public string Name => RetrievalModes.Garnet;

    public string Setting => string.Create(CultureInfo.InvariantCulture,
        $"{_options.Metric}, {_options.Quantization}, M {_options.Links}, build EF {_options.BuildExploration}, search EF {_options.SearchExploration}");

    public long ItemCount { get; }

    /// <summary>The in-process table copy used for re-scoring; Garnet's own memory is not counted here.</summary>
    public long MemoryBytes => (long)_table.Length * 4;

    public GarnetVectorOptions Options => _options;

    /// <summary>The same vector set searched with another VSIM EF (no rebuild; for sweeps). It does not own the connection.</summary>
    public GarnetVectorIndex WithSearchExploration(int exploration) =>
        new(_database, null, _options with { SearchExploration = exploration }, _table, ItemCount, _dimensions);

    /// <summary>
    /// Deletes <see cref="GarnetVectorOptions.Key"/> and adds rows 1… of <paramref name="itemTable"/> [N, D] to it.
    /// <paramref name="connection"/>, if given, is disposed with the index.
    /// </summary>
    public static async Task<GarnetVectorIndex> BuildAsync(IDatabase database, Tensor itemTable, GarnetVectorOptions options,
        IDisposable? connection = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(itemTable);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (itemTable.dim() != 2) throw new ArgumentException($"The item table must be [items, dimensions]; it has shape [{string.Join(", ", itemTable.shape)}].", nameof(itemTable));
        var rows = checked((int)itemTable.shape[0]);
        var d = (int)itemTable.shape[1];
        if (rows < 2) throw new ArgumentException("The item table has no items besides row 0 (out-of-vocabulary).", nameof(itemTable));
        float[] data;
        using (var cpu = itemTable.detach().to(ScalarType.Float32).cpu().contiguous())
        {
            data = cpu.data<float>().ToArray();
        }
        var l2 = options.Metric == GarnetVectorOptions.L2OnSphere;
        var width = l2 ? d + 1 : d;
        var vectors = l2 ? MaxInnerProduct.AugmentItems(data, rows, d, from: 1) : data.AsSpan(d).ToArray();

        await database.KeyDeleteAsync(options.Key).ConfigureAwait(false);
        var pending = new List<Task<RedisResult>>(options.InFlight);
        for (var item = 1; item < rows; item++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var blob = Blob(vectors.AsSpan((item - 1) * width, width));
            pending.Add(database.ExecuteAsync("VADD", options.Key, "FP32", blob, Element(item), options.Quantization,
                "EF", options.BuildExploration, "M", options.Links, "XDISTANCE_METRIC", l2 ? "L2" : "IP"));
            if (pending.Count == options.InFlight || item == rows - 1)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
                progress?.Report(item);
            }
        }
        return new GarnetVectorIndex(database, connection, options, data, rows, d);
    }

    /// <summary>
    /// Uses the vector set at <see cref="GarnetVectorOptions.Key"/> when it already holds every item of the table
    /// (VINFO size), else builds it (<see cref="BuildAsync"/>).
    /// </summary>
    public static async Task<GarnetVectorIndex> OpenOrBuildAsync(IDatabase database, Tensor itemTable, GarnetVectorOptions options,
        IDisposable? connection = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(itemTable);
        ArgumentNullException.ThrowIfNull(options);
        var info = await database.ExecuteAsync("VINFO", options.Key).ConfigureAwait(false);
        if (!info.IsNull && info.Resp2Type == ResultType.Array)
        {
            var fields = (RedisResult[])info!;
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                if ((string?)fields[i] == "size" && long.TryParse((string?)fields[i + 1], CultureInfo.InvariantCulture, out var size) && size == itemTable.shape[0] - 1)
                {
                    options.Validate();
                    float[] data;
                    using (var cpu = itemTable.detach().to(ScalarType.Float32).cpu().contiguous())
                    {
                        data = cpu.data<float>().ToArray();
                    }
                    return new GarnetVectorIndex(database, connection, options, data, itemTable.shape[0], (int)itemTable.shape[1]);
                }
            }
        }
        return await BuildAsync(database, itemTable, options, connection, progress: null, cancellationToken).ConfigureAwait(false);
    }

    public ItemSearchResult Search(Tensor queries, int k)
    {
        var (b, q) = QueryBatch.ToHost(queries, k, ItemCount, _dimensions);
        var l2 = _options.Metric == GarnetVectorOptions.L2OnSphere;
        var exploration = Math.Max(_options.SearchExploration, k);
        // One VSIM per query, all in flight at once on the multiplexed connection; the batcher's thread waits for them.
        var replies = new Task<RedisResult>[b];
        for (var i = 0; i < b; i++)
        {
            var query = q.AsSpan(i * _dimensions, _dimensions);
            var blob = Blob(l2 ? MaxInnerProduct.AugmentQuery(query) : query);
            replies[i] = _database.ExecuteAsync("VSIM", _options.Key, "FP32", blob, "COUNT", k, "EF", exploration);
        }
#pragma warning disable VSTHRD002 // IItemIndex.Search is synchronous: the batcher calls it on its own thread, not a pool thread.
        var results = Task.WhenAll(replies).GetAwaiter().GetResult();
#pragma warning restore VSTHRD002

        var logits = new float[b * k];
        var indices = new long[b * k];
        var normalizers = new float[b];
        var heap = new TopHeap(k);
        var best = new int[k];
        var candidates = new float[k];
        for (var i = 0; i < b; i++)
        {
            var query = q.AsSpan(i * _dimensions, _dimensions);
            var elements = (RedisResult[])results[i]!;
            heap.Clear();
            var scored = 0;
            foreach (var element in elements)
            {
                var item = BinaryPrimitives.ReadInt32LittleEndian((byte[])element!);
                if (item < 1 || item >= ItemCount) throw new InvalidOperationException($"Garnet key '{_options.Key}' returned element {item}, not a row of this table; rebuild the index.");
                var logit = TensorPrimitives.Dot(query, _table.AsSpan(item * _dimensions, _dimensions));
                if (scored < k) candidates[scored] = logit;
                scored++;
                heap.Offer(logit, item);
            }
            if (heap.Count < k)
                throw new InvalidOperationException($"Garnet key '{_options.Key}' returned {heap.Count} items for k = {k}; is the vector set complete (VINFO size)?");
            heap.Drain(logits.AsSpan(i * k, k), best);
            for (var j = 0; j < k; j++) indices[(i * k) + j] = best[j];
            var top = logits[i * k];
            var shifted = candidates.AsSpan(0, Math.Min(scored, k));
            TensorPrimitives.Subtract(shifted, top, shifted);
            TensorPrimitives.Exp(shifted, shifted);
            normalizers[i] = top + MathF.Log(TensorPrimitives.Sum(shifted));
        }
        var device = queries.device;
        return new ItemSearchResult(
            tensor(logits, [b, k]).to(device),
            tensor(indices, [b, k]).to(device),
            tensor(normalizers, [b, 1]).to(device));
    }

    public void Dispose() => _connection?.Dispose();

    private static byte[] Element(int item)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, item);
        return bytes;
    }

    private static byte[] Blob(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * 4];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector).CopyTo(bytes);
        return bytes;
    }
}
