using Journeys.Scoring.Model;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;

namespace Journeys.Scoring.Onnx;

/// <summary>
/// Runs the model's step in ONNX Runtime (<c>Scoring:Backend = onnx</c>): one <see cref="InferenceSession"/> over the
/// graph <see cref="StepGraph.Build"/> writes from the loaded model, so the vocabularies, the item table retrieval
/// scores against and the weights the session runs are always the same file's.
/// <para>
/// ONNX Runtime is stateless: each call takes the rows' h and c and returns the next ones. Inputs and outputs are bound
/// (IOBinding) to tensors allocated once for the largest batch — the batcher's own input tensors and output tensors
/// owned here — so a call copies nothing in or out and allocates nothing; one binding per row count is made the
/// first time that count runs. Only the batcher's thread calls <see cref="Step"/>.
/// </para>
/// </summary>
internal sealed class OnnxStepRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly torch.Tensor _features;
    private readonly torch.Tensor _h;
    private readonly torch.Tensor _c;
    private readonly torch.Tensor _hNext;
    private readonly torch.Tensor _cNext;
    private readonly torch.Tensor _stages;
    private readonly torch.Tensor _conversion;
    private readonly torch.Tensor _friction;
    private readonly torch.Tensor _embedding;
    private readonly torch.Device _device;
    private readonly int _rowsPerBinding;
    // Index: rows / rowsPerBinding. Made on first use of that row count, kept until disposed.
    private readonly Bound?[] _bindings;
    private readonly List<IDisposable> _owned = [];

    /// <param name="model">The model to run (its network's weights go into the graph).</param>
    /// <param name="features">[capacity, 5] int64, <paramref name="h"/> and <paramref name="c"/> [capacity, H] float:
    /// the CPU tensors the caller gathers each batch's inputs into (not owned).</param>
    /// <param name="rowsPerBinding">Row counts passed to <see cref="Step"/> are multiples of this.</param>
    /// <param name="threads">ONNX Runtime intra-op threads (1: the batched step is small, and the batcher is one thread).</param>
    public OnnxStepRunner(ScoringModel model, torch.Tensor features, torch.Tensor h, torch.Tensor c, int rowsPerBinding, int threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerBinding, 1);
        var capacity = (int)features.shape[0];
        if (capacity % rowsPerBinding != 0) throw new ArgumentException($"capacity {capacity} is not a multiple of {rowsPerBinding} rows", nameof(features));
        this._features = features;
        this._h = h;
        this._c = c;
        this._rowsPerBinding = rowsPerBinding;
        _device = model.Device;
        var d = model.Metadata.Dimensions;
        _hNext = torch.zeros(capacity, d.HiddenSize);
        _cNext = torch.zeros(capacity, d.HiddenSize);
        _stages = torch.zeros(capacity, SessionModelDimensions.StageCount);
        _conversion = torch.zeros(capacity);
        _friction = torch.zeros(capacity);
        _embedding = torch.zeros(capacity, d.ItemEmbeddingSize);
        _bindings = new Bound?[(capacity / rowsPerBinding) + 1];
        using var options = Options(_device, threads);
        _session = new InferenceSession(StepGraph.Build(model), options);
    }

    /// <summary>The ONNX Runtime version loaded (its native library's).</summary>
    public static string RuntimeVersion => OrtEnv.Instance().GetVersionString();

    /// <summary>The execution provider the session runs on: CUDAExecutionProvider or CPUExecutionProvider.</summary>
    public string Provider => _device.type == DeviceType.CUDA ? "CUDAExecutionProvider" : "CPUExecutionProvider";

    /// <summary>
    /// One step for the first <paramref name="rows"/> rows of the input tensors (a multiple of the binding block):
    /// views of the output tensors, valid until the next call. The session embedding is on the model's device (what
    /// retrieval reads); the rest on the CPU.
    /// </summary>
    public SessionModelOutput Step(int rows)
    {
        var bound = _bindings[rows / _rowsPerBinding] ??= Bind(rows);
        _session.RunWithBinding(_run, bound.Binding);
        // Retrieval on a GPU reads the embeddings there: one copy per batch into a tensor kept on the device.
        bound.DeviceEmbedding?.copy_(bound.HostEmbedding);
        return bound.Output;
    }

    private Bound Bind(int rows)
    {
        if (rows % _rowsPerBinding != 0 || rows <= 0 || rows > _features.shape[0])
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows must be a positive multiple of {_rowsPerBinding} up to {_features.shape[0]}");
        var binding = _session.CreateIoBinding();
        _owned.Add(binding);
        Add(binding, input: true, StepGraph.Names.Features, _features, TensorElementType.Int64, rows, sizeof(long));
        Add(binding, input: true, StepGraph.Names.H, _h, TensorElementType.Float, rows, sizeof(float));
        Add(binding, input: true, StepGraph.Names.C, _c, TensorElementType.Float, rows, sizeof(float));
        Add(binding, input: false, StepGraph.Names.HNext, _hNext, TensorElementType.Float, rows, sizeof(float));
        Add(binding, input: false, StepGraph.Names.CNext, _cNext, TensorElementType.Float, rows, sizeof(float));
        Add(binding, input: false, StepGraph.Names.StageProbabilities, _stages, TensorElementType.Float, rows, sizeof(float));
        Add(binding, input: false, StepGraph.Names.Conversion, _conversion, TensorElementType.Float, rows, sizeof(float));
        Add(binding, input: false, StepGraph.Names.Friction, _friction, TensorElementType.Float, rows, sizeof(float));
        Add(binding, input: false, StepGraph.Names.SessionEmbedding, _embedding, TensorElementType.Float, rows, sizeof(float));
        // Views made once and kept until disposed.
        var rowsOf = (torch.Tensor t) => Keep(t.narrow(0, 0, rows));
        var hostEmbedding = rowsOf(_embedding);
        var deviceEmbedding = _device.type == DeviceType.CPU ? null : Keep(torch.zeros(hostEmbedding.shape, device: _device));
        var output = new SessionModelOutput(rowsOf(_hNext), rowsOf(_cNext), rowsOf(_stages), rowsOf(_conversion), rowsOf(_friction),
            deviceEmbedding ?? hostEmbedding);
        return new Bound(binding, output, hostEmbedding, deviceEmbedding);
    }

    private torch.Tensor Keep(torch.Tensor t)
    {
        // Made during a batch, inside the batcher's dispose scope: taken out of it, or the scope would free them.
        t.DetachFromDisposeScope();
        _owned.Add(t);
        return t;
    }

    private void Add(OrtIoBinding binding, bool input, string name, torch.Tensor buffer, TensorElementType type, int rows, int elementBytes)
    {
        var shape = buffer.shape.ToArray();
        shape[0] = rows;
        var length = shape.Aggregate(1L, (a, b) => a * b);
        var value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, type, shape, TensorMemory.Address(buffer), length * elementBytes);
        _owned.Add(value);
        if (input) binding.BindInput(name, value);
        else binding.BindOutput(name, value);
    }

    internal static SessionOptions Options(torch.Device device, int threads)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        if (device.type == DeviceType.CUDA)
        {
            try
            {
                options.AppendExecutionProvider_CUDA(device.index < 0 ? 0 : device.index);
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                options.Dispose();
                throw new InvalidOperationException(
                    $"Scoring:Backend is 'onnx' on a CUDA device, but ONNX Runtime's CUDA execution provider cannot start ({e.Message}). " +
                    "Build with -p:JourneysOnnxRuntimeGpu=true (the Microsoft.ML.OnnxRuntime.Gpu package) on a machine with CUDA 13 and cuDNN 9, " +
                    "or set Scoring:Device to cpu, or Scoring:Backend to torch.", e);
            }
        }
        return options;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _session.Dispose();
        _run.Dispose();
        _hNext.Dispose();
        _cNext.Dispose();
        _stages.Dispose();
        _conversion.Dispose();
        _friction.Dispose();
        _embedding.Dispose();
    }

    private sealed record Bound(OrtIoBinding Binding, SessionModelOutput Output, torch.Tensor HostEmbedding, torch.Tensor? DeviceEmbedding);
}
