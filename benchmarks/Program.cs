using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Journeys.Benchmarks.Engine.EngineBenchmarks).Assembly).Run(args);
