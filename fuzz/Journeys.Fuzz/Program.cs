using Journeys.Fuzz;

// Journeys.Fuzz <click|catalog|snapshot>: the afl-fuzz target (fuzz/run.sh). Outside afl-fuzz it decodes stdin once,
//   so `Journeys.Fuzz click < file` replays one input, a crash included.
// Journeys.Fuzz seed <dir>: writes the seed inputs into <dir>/<target>/ (fuzz/corpus/ holds them, checked in).
switch (args)
{
    case ["seed", var directory]:
        SeedCorpus.Write(directory);
        return 0;
    case [var name] when DecoderTargets.Find(name) is { } target:
        DecoderTargets.Fuzz(target);
        return 0;
    default:
        Console.Error.WriteLine("usage: Journeys.Fuzz <click|catalog|snapshot>   (reads one input from stdin, or runs under afl-fuzz)");
        Console.Error.WriteLine("       Journeys.Fuzz seed <corpus-dir>");
        return 2;
}
