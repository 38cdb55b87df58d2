namespace Journeys.Lab.Evaluation.NextItem;

/// <summary>One next-item test case: the session so far (item ids, oldest first) and the item that came next.</summary>
public sealed record NextItemCase(string[] Prefix, string Target);
