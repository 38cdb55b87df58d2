using BenchmarkDotNet.Running;
using Journeys.Benchmarks.Charts;

// dotnet run -c Release --project benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks -- chart-step-backends REPORT-full.json OUT.png
if (args is ["chart-step-backends", var report, var png])
{
    StepBackendChart.Write(report, png);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Journeys.Benchmarks.Engine.EngineBenchmarks).Assembly).Run(args);
