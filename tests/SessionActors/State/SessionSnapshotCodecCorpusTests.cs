using Journeys.SessionActors.State;

namespace Journeys.SessionActors.Tests.State;

/// <summary>
/// Replays fuzz/corpus/snapshot (snapshots of the real encoder in formats 1–3, damaged ones, inputs with which afl-fuzz
/// reached new paths, every crash it found once fixed; see fuzz/run.sh) so that what fuzzing established holds in
/// every CI run: bytes from the store decode or are refused with <see cref="InvalidDataException"/> and a reason,
/// never another exception (which would fail the session that loads them instead of starting it afresh).
/// </summary>
public sealed class SessionSnapshotCodecCorpusTests
{
    private static string[] Corpus() => FuzzCorpus.Files("snapshot");

    [Fact]
    public void Every_corpus_input_decodes_or_is_refused_with_a_reason()
    {
        var broken = new List<string>();
        foreach (var path in Corpus())
        {
            try
            {
                _ = SessionSnapshotCodec.Decode(File.ReadAllBytes(path));
            }
            catch (InvalidDataException e) when (!string.IsNullOrWhiteSpace(e.Message))
            {
                // The documented refusal.
            }
            catch (Exception e)
            {
                broken.Add($"{Path.GetFileName(path)}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void The_corpus_holds_whole_snapshots_and_inputs_that_are_refused()
    {
        var decoded = new List<SessionSnapshot>();
        var refused = 0;
        foreach (var path in Corpus())
        {
            try
            {
                decoded.Add(SessionSnapshotCodec.Decode(File.ReadAllBytes(path)));
            }
            catch (InvalidDataException)
            {
                refused++;
            }
        }

        Assert.Contains(decoded, s => s.Pending.Count > 0 && s.Offers.Count > 0);
        Assert.True(refused > 0, "no refused input in the corpus");
    }
}
