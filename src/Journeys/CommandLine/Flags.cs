using System.CommandLine;
using System.Text.RegularExpressions;

namespace Journeys.CommandLine;

/// <summary>Flags shared by several commands, with validation that names the fix.</summary>
internal static partial class Flags
{
    public static Option<string> Bootstrap(bool required) => new("--bootstrap")
    {
        Description = "Kafka bootstrap servers, host:port[,host:port…]",
        Required = required,
        Validators =
        {
            r =>
            {
                var v = r.GetValueOrDefault<string?>();
                if (v is not null && !BootstrapPattern().IsMatch(v))
                {
                    r.AddError($"--bootstrap '{v}' is not host:port[,host:port…] (e.g. 127.0.0.1:9092)");
                }
            },
        },
    };

    /// <summary><c>--http</c>: where the HTTP surface listens (Http:Urls), or none; validated at start like the setting.</summary>
    public static Option<string?> Http() => new("--http")
    {
        Description = "Where to serve health, metrics and decisions on request: http://host:port[;…] or none (Http:Urls; default http://127.0.0.1:9464, loopback only)",
    };

    public static Option<int> Positive(string name, string description, int defaultValue, int max = int.MaxValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        Validators =
        {
            r =>
            {
                var v = r.GetValueOrDefault<int>();
                if (v < 1 || v > max)
                {
                    r.AddError($"{name} must be between 1 and {max}; got {v}");
                }
            },
        },
    };

    public static Option<double?> PositiveDouble(string name, string description) => new(name)
    {
        Description = description,
        Validators =
        {
            r =>
            {
                var v = r.GetValueOrDefault<double?>();
                if (v is { } d && (!double.IsFinite(d) || d <= 0))
                {
                    r.AddError($"{name} must be a positive number; got {d}");
                }
            },
        },
    };

    [GeneratedRegex(@"^[A-Za-z0-9._\-\[\]:]+:\d{1,5}(,[A-Za-z0-9._\-\[\]:]+:\d{1,5})*$")]
    private static partial Regex BootstrapPattern();

    /// <summary><c>--backend</c>: what runs the model's step (Scoring:Backend).</summary>
    public static Option<string?> Backend()
    {
        var option = new Option<string?>("--backend") { Description = "torch | onnx | auto: TorchSharp or ONNX Runtime runs the model's step (Scoring:Backend; default auto: onnx on a CPU, torch on a GPU)" };
        option.AcceptOnlyFromAmong([.. Scoring.Model.ScoringBackends.All]);
        return option;
    }
}
