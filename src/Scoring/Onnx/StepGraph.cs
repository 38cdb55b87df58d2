using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Journeys.Scoring.Model;
using Onnx;

namespace Journeys.Scoring.Onnx;

/// <summary>
/// The engine's step function (<see cref="SessionModel.Step"/> for one block of rows: encoder, LSTM cell, heads) as an
/// ONNX graph with a dynamic batch dimension, written with ONNX's own schema (onnx.proto3, compiled by protoc).
/// <para>
/// Inputs: <c>features</c> int64 [B, 5] (type, product, category, price bucket, gap bucket — the
/// <see cref="StepFeatures"/> layout), <c>h</c> and <c>c</c> float [B, H]. Outputs: <c>h_next</c>, <c>c_next</c>
/// [B, H], <c>stage_probabilities</c> [B, 5] (JourneyStage order), <c>conversion</c> and <c>friction</c> [B],
/// <c>session_embedding</c> [B, D] (scored against the item table, initializer <c>item_embedding</c>, for the next
/// items). The LSTM cell is spelled out with Gemm and element-wise operators in PyTorch's gate order (i, f, g, o) rather
/// than ONNX's LSTM operator, so every runtime computes the same cell as TorchSharp.
/// </para>
/// </summary>
public static class StepGraph
{
    /// <summary>The opset the graph is written for (the default domain).</summary>
    public const int Opset = 17;

    public static class Names
    {
        public const string Features = "features";
        public const string H = "h";
        public const string C = "c";
        public const string HNext = "h_next";
        public const string CNext = "c_next";
        public const string StageProbabilities = "stage_probabilities";
        public const string Conversion = "conversion";
        public const string Friction = "friction";
        public const string SessionEmbedding = "session_embedding";
        public const string ItemEmbedding = "item_embedding";
    }

    /// <summary>Keys of the model's metadata_props.</summary>
    public static class Metadata
    {
        public const string ModelVersion = "journeys.model_version";
        public const string Trained = "journeys.trained";
        public const string VocabularyChecksum = "journeys.vocabulary_checksum";
        public const string FeatureLayout = "journeys.feature_layout";
        public const string Outputs = "journeys.outputs";
        public const string NormalizedScale = "journeys.normalized_scale";
    }

    /// <summary>The graph of <paramref name="model"/>'s network with its weights, as ONNX model bytes.</summary>
    public static byte[] Build(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var d = model.Metadata.Dimensions;
        var weights = Weights(model.Network);
        var g = new GraphProto { Name = "journeys_session_step" };
        var batch = new TensorShapeProto.Types.Dimension { DimParam = "batch" };
        g.Input.Add(Value(Names.Features, TensorProto.Types.DataType.Int64, batch, 5));
        g.Input.Add(Value(Names.H, TensorProto.Types.DataType.Float, batch, d.HiddenSize));
        g.Input.Add(Value(Names.C, TensorProto.Types.DataType.Float, batch, d.HiddenSize));

        string W(string key, string name)
        {
            g.Initializer.Add(Tensor(name, weights[key]));
            return name;
        }

        // The five columns of features, each through its embedding.
        string[] tables =
        [
            W("typeEmbedding.weight", "type_embedding"),
            W("itemEmbedding.weight", Names.ItemEmbedding),
            W("categoryEmbedding.weight", "category_embedding"),
            W("priceEmbedding.weight", "price_embedding"),
            W("gapEmbedding.weight", "gap_embedding"),
        ];
        var parts = new string[5];
        for (var k = 0; k < 5; k++)
        {
            var column = Constant(g, $"column_{k}", [k], []);
            Node(g, "Gather", [Names.Features, column], [$"feature_{k}"], Int("axis", 1));
            Node(g, "Gather", [tables[k], $"feature_{k}"], [$"embedded_{k}"], Int("axis", 0));
            parts[k] = $"embedded_{k}";
        }
        if (d.NormalizedScale > 0) parts[1] = Normalize(g, parts[1], "item_normalized");
        Node(g, "Concat", parts, ["action"], Int("axis", 1));
        Node(g, "Gemm", ["action", W("actionProjection.weight", "action_projection.weight"), W("actionProjection.bias", "action_projection.bias")],
            ["action_projected"], Int("transB", 1));
        Node(g, "Tanh", ["action_projected"], ["encoded"]);

        // LSTM cell, PyTorch's equations and gate order: gates = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh = [i, f, g, o].
        Node(g, "Gemm", ["encoded", W("cell.weight_ih", "cell.weight_ih"), W("cell.bias_ih", "cell.bias_ih")], ["gates_input"], Int("transB", 1));
        Node(g, "Gemm", [Names.H, W("cell.weight_hh", "cell.weight_hh"), W("cell.bias_hh", "cell.bias_hh")], ["gates_hidden"], Int("transB", 1));
        Node(g, "Add", ["gates_input", "gates_hidden"], ["gates"]);
        Node(g, "Split", ["gates"], ["gate_i", "gate_f", "gate_g", "gate_o"], Int("axis", 1));
        Node(g, "Sigmoid", ["gate_i"], ["input_gate"]);
        Node(g, "Sigmoid", ["gate_f"], ["forget_gate"]);
        Node(g, "Tanh", ["gate_g"], ["candidate"]);
        Node(g, "Sigmoid", ["gate_o"], ["output_gate"]);
        Node(g, "Mul", ["forget_gate", Names.C], ["kept"]);
        Node(g, "Mul", ["input_gate", "candidate"], ["written"]);
        Node(g, "Add", ["kept", "written"], [Names.CNext]);
        Node(g, "Tanh", [Names.CNext], ["c_squashed"]);
        Node(g, "Mul", ["output_gate", "c_squashed"], [Names.HNext]);

        // Heads on the new hidden state.
        var last = Constant(g, "last_axis", [1], [1]);
        Node(g, "Gemm", [Names.HNext, W("stageHead.weight", "stage_head.weight"), W("stageHead.bias", "stage_head.bias")], ["stage_logits"], Int("transB", 1));
        Node(g, "Softmax", ["stage_logits"], [Names.StageProbabilities], Int("axis", -1));
        Node(g, "Gemm", [Names.HNext, W("conversionHead.weight", "conversion_head.weight"), W("conversionHead.bias", "conversion_head.bias")], ["conversion_logit"], Int("transB", 1));
        Node(g, "Squeeze", ["conversion_logit", last], ["conversion_logit_flat"]);
        Node(g, "Sigmoid", ["conversion_logit_flat"], [Names.Conversion]);
        Node(g, "Gemm", [Names.HNext, W("frictionHead.weight", "friction_head.weight"), W("frictionHead.bias", "friction_head.bias")], ["friction_logit"], Int("transB", 1));
        Node(g, "Squeeze", ["friction_logit", last], ["friction_logit_flat"]);
        Node(g, "Sigmoid", ["friction_logit_flat"], [Names.Friction]);
        var sessionOut = d.NormalizedScale > 0 ? "session_projected" : Names.SessionEmbedding;
        Node(g, "Gemm", [Names.HNext, W("sessionProjection.weight", "session_projection.weight"), W("sessionProjection.bias", "session_projection.bias")], [sessionOut], Int("transB", 1));
        if (d.NormalizedScale > 0)
        {
            var normalized = Normalize(g, sessionOut, "session_normalized");
            g.Initializer.Add(Tensor("normalized_scale", [d.NormalizedScale], []));
            Node(g, "Mul", [normalized, "normalized_scale"], [Names.SessionEmbedding]);
        }

        g.Output.Add(Value(Names.HNext, TensorProto.Types.DataType.Float, batch, d.HiddenSize));
        g.Output.Add(Value(Names.CNext, TensorProto.Types.DataType.Float, batch, d.HiddenSize));
        g.Output.Add(Value(Names.StageProbabilities, TensorProto.Types.DataType.Float, batch, SessionModelDimensions.StageCount));
        g.Output.Add(Value(Names.Conversion, TensorProto.Types.DataType.Float, batch));
        g.Output.Add(Value(Names.Friction, TensorProto.Types.DataType.Float, batch));
        g.Output.Add(Value(Names.SessionEmbedding, TensorProto.Types.DataType.Float, batch, d.ItemEmbeddingSize));

        var m = new ModelProto
        {
            // IR version 8 is what opset 17 was released with; runtimes from ONNX Runtime 1.13 on read it.
            IrVersion = 8,
            ProducerName = "journeys",
            ProducerVersion = typeof(StepGraph).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            Domain = "org.journeys",
            DocString = "One step of a Journeys session model for a batch of sessions: the step's features and each session's LSTM state (h, c) in; the next state, journey-stage probabilities, conversion, friction and the session embedding out.",
            Graph = g,
        };
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        foreach (var (key, value) in MetadataOf(model)) m.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return m.ToByteArray();
    }

    /// <summary>What the file says of the model it came from (metadata_props).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> MetadataOf(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = model.Metadata;
        var d = m.Dimensions;
        var inv = CultureInfo.InvariantCulture;
        return
        [
            new(Metadata.ModelVersion, m.Version),
            new(Metadata.Trained, m.Trained ? "true" : "false"),
            new(Metadata.VocabularyChecksum, VocabularyChecksum(m)),
            new(Metadata.FeatureLayout, string.Create(inv,
                $"features[:,0]=type (0..{SessionModelDimensions.TypeCount - 1}, click type + 1, 0 = padding); " +
                $"features[:,1]=product (0..{d.ItemCount - 1}, 1-based vocabulary position, 0 = unknown); " +
                $"features[:,2]=category (0..{d.CategoryCount - 1}, 1-based, 0 = unknown); " +
                $"features[:,3]=price bucket (0..{d.PriceBucketCount - 1}, 0 = none, then 1 + edges <= price; edges {string.Join(' ', m.PriceEdges.Select(e => e.ToString("R", inv)))}); " +
                $"features[:,4]=gap bucket (0..{d.GapBucketCount - 1}, 0 = first event, then 1 + edges <= seconds since the previous; edges {string.Join(' ', m.GapEdgesSeconds.Select(e => e.ToString("R", inv)))}); " +
                $"h, c: LSTM state, hidden size {d.HiddenSize}, zeros for a new session")),
            new(Metadata.Outputs, "h_next, c_next: the state to pass in with the session's next event; stage_probabilities: awareness, consideration, intent, purchase, loyalty; " +
                $"conversion, friction: probabilities; session_embedding: dot product with the rows of item_embedding{(d.NormalizedScale > 0 ? " (rows L2-normalized)" : string.Empty)} gives next-item logits, row 0 excluded"),
            new(Metadata.NormalizedScale, d.NormalizedScale.ToString("R", inv)),
        ];
    }

    /// <summary>SHA-256 over the vocabularies and bucket edges, in order: equal checksums mean equal feature encodings.</summary>
    public static string VocabularyChecksum(ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string section, IEnumerable<string> values)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(section + "\n"));
            foreach (var v in values) hash.AppendData(Encoding.UTF8.GetBytes(v + "\n"));
        }
        Add("products", metadata.Products);
        Add("categories", metadata.Categories);
        Add("price_edges", metadata.PriceEdges.Select(e => e.ToString("R", CultureInfo.InvariantCulture)));
        Add("gap_edges_seconds", metadata.GapEdgesSeconds.Select(e => e.ToString("R", CultureInfo.InvariantCulture)));
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static Dictionary<string, (float[] Data, long[] Shape)> Weights(SessionModel network)
    {
        var found = new Dictionary<string, (float[], long[])>(StringComparer.Ordinal);
        foreach (var (name, parameter) in network.named_parameters())
        {
            using var cpu = parameter.detach().cpu().contiguous();
            found[name] = (cpu.data<float>().ToArray(), cpu.shape);
        }
        return found;
    }

    private static string Normalize(GraphProto g, string input, string output)
    {
        // torch.nn.functional.normalize: x / max(‖x‖₂, 1e-12) along the last axis (a zero row stays zero, no NaN).
        Node(g, "ReduceL2", [input], [$"{output}_norm"], Ints("axes", -1), Int("keepdims", 1));
        var eps = $"{output}_eps";
        g.Initializer.Add(Tensor(eps, [1e-12f], []));
        Node(g, "Max", [$"{output}_norm", eps], [$"{output}_denominator"]);
        Node(g, "Div", [input, $"{output}_denominator"], [output]);
        return output;
    }

    private static string Constant(GraphProto g, string name, long[] values, long[] shape)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.AddRange(shape);
        t.Int64Data.AddRange(values);
        g.Initializer.Add(t);
        return name;
    }

    private static TensorProto Tensor(string name, (float[] Data, long[] Shape) weight) => Tensor(name, weight.Data, weight.Shape);

    private static TensorProto Tensor(string name, float[] data, long[] shape)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(shape);
        // raw_data is little-endian by the ONNX specification, as this process's floats are (x64, arm64).
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data.AsSpan()));
        return t;
    }

    private static void Node(GraphProto g, string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var n = new NodeProto { OpType = op, Name = $"{op}_{g.Node.Count}" };
        n.Input.AddRange(inputs);
        n.Output.AddRange(outputs);
        n.Attribute.AddRange(attributes);
        g.Node.Add(n);
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, TensorShapeProto.Types.Dimension batch, params long[] rest)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(batch);
        foreach (var size in rest) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
