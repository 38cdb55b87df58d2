using BenchmarkDotNet.Running;
using Journeys.Benchmarks.Charts;
using Journeys.Benchmarks.Lab.Evaluation.Outcomes;
using Journeys.Benchmarks.Scoring.Catalog;

// dotnet run -c Release --project benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks -- chart-step-backends REPORT-full.json OUT.png
// dotnet run -c Release --project benchmarks -- catalog-relations
// dotnet run -c Release --project benchmarks -- seeded-outcomes [CHART-FOLDER]
switch (args)
{
    case ["chart-step-backends", var report, var png]:
        StepBackendChart.Write(report, png);
        return;
    case [CatalogRelationsReport.Command]:
        CatalogRelationsReport.Write(Console.Out);
        return;
    case [SeededOutcomesReport.Command, .. var rest] when rest.Length <= 1:
        SeededOutcomesReport.Write(rest.FirstOrDefault(), Console.Out);
        return;
}
BenchmarkSwitcher.FromAssembly(typeof(Journeys.Benchmarks.Engine.EngineBenchmarks).Assembly).Run(args);
