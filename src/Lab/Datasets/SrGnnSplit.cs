namespace Journeys.Lab.Datasets;

/// <summary>
/// The SR-GNN Diginetica benchmark split (Wu et al., AAAI 2019; the files GCE-GNN ships): training sessions as item
/// indices 1…43,097 in file order (the preprocessing's chronological order), and test cases, each a prefix of a test
/// session and the item that followed it.
/// </summary>
public sealed record SrGnnSplit(IReadOnlyList<int[]> TrainSessions, IReadOnlyList<SrGnnTestCase> TestCases)
{
    /// <summary>The largest item index in either part (the split has no separate item list).</summary>
    public int MaxItem => Math.Max(
        TrainSessions.Count == 0 ? 0 : TrainSessions.Max(s => s.Length == 0 ? 0 : s.Max()),
        TestCases.Count == 0 ? 0 : TestCases.Max(c => Math.Max(c.Target, c.Prefix.Length == 0 ? 0 : c.Prefix.Max())));
}
