using Journeys.Scoring.Model;
using Journeys.Scoring.Retrieval;
using Microsoft.Extensions.Options;

namespace Journeys.Scoring.Hosting;

/// <summary>The checks DataAnnotations cannot express; each failure says which setting to change and how.</summary>
public sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    /// <summary>The longest MaxWait accepted: beyond it every decision would wait visibly for company.</summary>
    public static readonly TimeSpan MaxWaitLimit = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!ModelDevice.IsKnown(options.Device))
        {
            failures.Add($"Scoring:Device is '{options.Device}'; use 'auto', 'cpu' or 'cuda'.");
        }
        else if (string.Equals(options.Device, ModelDevice.Cuda, StringComparison.OrdinalIgnoreCase) && !TorchSharp.torch.cuda.is_available())
        {
            failures.Add(ModelDevice.CudaUnavailableMessage);
        }
        if (!ScoringBackends.IsKnown(options.Backend))
            failures.Add($"Scoring:Backend is '{options.Backend}'; use {string.Join(", ", ScoringBackends.All.Select(b => $"'{b}'"))} (default 'auto').");
        if (options.OnnxThreads <= 0) failures.Add($"Scoring:OnnxThreads is {options.OnnxThreads}; set at least 1 (default 1).");
        if (options.MaxBatch <= 0) failures.Add($"Scoring:MaxBatch is {options.MaxBatch}; it must be at least 1 (default 128).");
        if (options.MaxWait < TimeSpan.Zero || options.MaxWait > MaxWaitLimit)
            failures.Add($"Scoring:MaxWait is {options.MaxWait}; use a duration from 00:00:00 to {MaxWaitLimit} (default 00:00:00.001).");
        if (options.TopK <= 0) failures.Add($"Scoring:TopK is {options.TopK}; it must be at least 1 (default 100).");
        if (options.TorchThreads is <= 0) failures.Add($"Scoring:TorchThreads is {options.TorchThreads}; remove it or set at least 1.");
        if (!RetrievalModes.IsKnown(options.Retrieval))
            failures.Add($"Scoring:Retrieval is '{options.Retrieval}'; use {string.Join(", ", RetrievalModes.All.Select(m => $"'{m}'"))} (default 'auto').");
        else if (string.Equals(options.Retrieval, RetrievalModes.Garnet, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.RetrievalGarnet))
            failures.Add("Scoring:Retrieval is 'garnet' but Scoring:RetrievalGarnet is not set; set it to host:port of a Garnet started with --enable-vector-set-preview, or use Scoring:Retrieval 'auto' or 'exact'.");
        if (options.ExactUpToItems < 0) failures.Add($"Scoring:ExactUpToItems is {options.ExactUpToItems}; use 0 or more items.");
        if (options.IvfLists < 0) failures.Add($"Scoring:IvfLists is {options.IvfLists}; use 0 (2·√items) or a positive number of lists.");
        if (options.IvfProbes < 1) failures.Add($"Scoring:IvfProbes is {options.IvfProbes}; probe at least 1 list (default 16).");
        if (options.ModelPath is { } path && string.IsNullOrWhiteSpace(path))
            failures.Add("Scoring:ModelPath is blank; remove it to use the seeded model or name a model file.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
