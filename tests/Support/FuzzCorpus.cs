namespace Journeys.Tests.Support;

/// <summary>
/// The fuzzing corpus in the repository's <c>fuzz/corpus/</c> (the seeds, inputs with which afl-fuzz reached new paths,
/// every crash it found once fixed; see fuzz/run.sh), replayed by the *CorpusTests in every test run.
/// </summary>
public static class FuzzCorpus
{
    /// <summary>The inputs of one corpus (<c>click</c>, <c>catalog</c>, <c>snapshot</c>), in ordinal order of name.</summary>
    public static string[] Files(string corpus) =>
        [.. Directory.GetFiles(Path.Combine(Repository.Root, "fuzz", "corpus", corpus)).Order(StringComparer.Ordinal)];
}
