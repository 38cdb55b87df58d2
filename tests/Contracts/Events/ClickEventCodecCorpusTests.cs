using Journeys.Contracts.Events;

namespace Journeys.Contracts.Tests.Events;

/// <summary>
/// Replays fuzz/corpus/click (the seeds, inputs with which afl-fuzz reached new paths, every crash it found once fixed;
/// see fuzz/run.sh) so that what fuzzing established holds in every CI run: an input decodes or is refused with a
/// reason, and no exception escapes.
/// </summary>
public sealed class ClickEventCodecCorpusTests
{
    private static string[] Corpus() => FuzzCorpus.Files("click");

    [Fact]
    public void Every_corpus_input_decodes_or_is_refused_with_a_reason()
    {
        var broken = new List<string>();
        foreach (var path in Corpus())
        {
            try
            {
                var r = ClickEventCodec.Decode(File.ReadAllBytes(path));
                if (r.IsValid ? r.Detail is not null : string.IsNullOrWhiteSpace(r.Detail))
                {
                    broken.Add($"{Path.GetFileName(path)}: valid={r.IsValid} detail='{r.Detail}'");
                }
            }
            catch (Exception e)
            {
                broken.Add($"{Path.GetFileName(path)}: {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void The_corpus_holds_inputs_that_decode_and_inputs_that_are_refused()
    {
        var results = Corpus().Select(path => ClickEventCodec.Decode(File.ReadAllBytes(path))).ToList();

        Assert.Contains(results, r => r.IsValid);
        Assert.Contains(results, r => !r.IsValid);
    }
}
