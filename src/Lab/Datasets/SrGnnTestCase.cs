namespace Journeys.Lab.Datasets;

/// <summary>One SR-GNN test case: the session so far and the item clicked next.</summary>
public sealed record SrGnnTestCase(int[] Prefix, int Target);
