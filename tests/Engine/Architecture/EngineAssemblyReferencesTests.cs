using System.Reflection;
using System.Text.Json;

namespace Journeys.Engine.Tests.Architecture;

/// <summary>
/// Serving apart from the lab (docs/architecture.md): the engine's assemblies, its libraries and
/// its host, never reference the offline lab or its charting stack. The lab holds training, evaluation, simulators,
/// dataset readers, replay and synthetic shoppers (Journeys.Lab.Datasets, .Replay, .Synthetic), so "no Journeys.Lab"
/// also proves that the engine reads no dataset, replays nothing and simulates nothing. This project references
/// Journeys.Engine, the top of the engine's graph, and so sees exactly the engine, not the lab or the CLI.
/// </summary>
public sealed class EngineAssemblyReferencesTests
{
    private static readonly string[] Forbidden = ["Journeys.Lab", "ScottPlot", "SkiaSharp", "HarfBuzzSharp"];

    public static TheoryData<string> EngineAssemblies => new() { "Journeys.Contracts", "Journeys.Ingest", "Journeys.SessionActors", "Journeys.Scoring", "Journeys.Engine" };

    [Theory]
    [MemberData(nameof(EngineAssemblies))]
    public void An_engine_assembly_references_neither_the_lab_nor_a_charting_library(string assembly)
    {
        var references = Assembly.Load(new AssemblyName(assembly)).GetReferencedAssemblies().Select(r => r.Name ?? "");

        Assert.DoesNotContain(references, IsForbidden);
    }

    /// <summary>
    /// The package graph of every engine library (this test project's deps.json): no lab, no ScottPlot, no HarfBuzz.
    /// SkiaSharp is only allowed where TorchSharp brings it (a dependency of its own package for image I/O), never
    /// through our projects or any other package.
    /// </summary>
    [Theory]
    [MemberData(nameof(EngineAssemblies))]
    public void An_engine_librarys_dependencies_hold_neither_the_lab_nor_a_charting_library(string assembly)
    {
        var depsFile = Path.Combine(AppContext.BaseDirectory, typeof(EngineAssemblyReferencesTests).Assembly.GetName().Name + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var libraries = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value;
        var byName = libraries.EnumerateObject().ToDictionary(l => l.Name[..l.Name.IndexOf('/', StringComparison.Ordinal)], l => l.Value, StringComparer.Ordinal);
        Assert.True(byName.ContainsKey(assembly), $"{assembly} is not in {depsFile}");

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([assembly]);
        while (pending.TryPop(out var name))
        {
            if (!reached.Add(name) || name.StartsWith("TorchSharp", StringComparison.Ordinal)) continue;
            if (byName.TryGetValue(name, out var library) && library.TryGetProperty("dependencies", out var dependencies))
            {
                foreach (var dependency in dependencies.EnumerateObject()) pending.Push(dependency.Name);
            }
        }

        Assert.DoesNotContain(reached, IsForbidden);
    }

    private static bool IsForbidden(string name) =>
        Forbidden.Any(f => name.Equals(f, StringComparison.Ordinal) || name.StartsWith(f + ".", StringComparison.Ordinal));
}
