using System.Diagnostics;
using System.Globalization;
using Journeys.Scoring.Catalog;
using Xunit.Abstractions;

namespace Journeys.Scoring.Tests.Catalog;

/// <summary>
/// What the session-neighbour index costs in memory and publish time on real sessions: Diginetica's latest 100,000
/// training sessions (SR-GNN split) under the default options, the writer's live bytes per indexed session and a
/// published snapshot's. Run:
/// <c>JOURNEYS_MEASURE=1 dotnet test tests/Scoring -c Release --filter SessionNeighbourMeasurement --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class SessionNeighbourMeasurement(ITestOutputHelper output)
{
    [MeasurementFact]
    public void Diginetica_sessions_in_the_default_index()
    {
        var options = new SessionNeighbourOptions();
        var sessions = OutcomeData.DigineticaSrGnnTrain().TakeLast(options.MaxSessions)
            .Select(s => s.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()).ToList();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new SessionNeighbourIndex(options);
        index.Seed(sessions);
        // The ids are the sessions' own strings either way (in the engine, the clicks'); counted apart below.
        var writer = GC.GetTotalMemory(forceFullCollection: true) - before;
        var clock = Stopwatch.StartNew();
        var snapshot = index.Snapshot();
        var publishMs = clock.Elapsed.TotalMilliseconds;
        var withSnapshot = GC.GetTotalMemory(forceFullCollection: true) - before;
        var items = sessions.Sum(s => s.Distinct().Count());

        output.WriteLine($"{index.SessionCount:N0} sessions, {items:N0} session-products, {index.ItemCount:N0} distinct products");
        output.WriteLine($"writer {writer / 1e6:F1} MB = {writer / (double)index.SessionCount:F0} B per session; " +
            $"snapshot {(withSnapshot - writer) / 1e6:F1} MB = {(withSnapshot - writer) / (double)index.SessionCount:F0} B per session; " +
            $"first publish {publishMs:F0} ms");
        GC.KeepAlive(sessions);
        GC.KeepAlive(snapshot);
    }
}
