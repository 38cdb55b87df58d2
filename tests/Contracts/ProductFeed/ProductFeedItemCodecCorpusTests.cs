using Journeys.Contracts.ProductFeed;

namespace Journeys.Contracts.Tests.ProductFeed;

/// <summary>
/// Replays fuzz/corpus/catalog (the seeds, inputs with which afl-fuzz reached new paths, every crash it found once
/// fixed; see fuzz/run.sh) so that what fuzzing established holds in every CI run: a feed record decodes or is refused
/// with a reason, and no exception escapes.
/// </summary>
public sealed class ProductFeedItemCodecCorpusTests
{
    private static string[] Corpus() => FuzzCorpus.Files("catalog");

    [Fact]
    public void Every_corpus_input_decodes_or_is_refused_with_a_reason()
    {
        var broken = new List<string>();
        foreach (var path in Corpus())
        {
            try
            {
                var (item, _, detail) = ProductFeedItemCodec.Decode(File.ReadAllBytes(path));
                if (item is not null ? detail is not null || ProductFeedItemCodec.Validate(item) is not null : string.IsNullOrWhiteSpace(detail))
                {
                    broken.Add($"{Path.GetFileName(path)}: item={item} detail='{detail}'");
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
        var items = Corpus().Select(path => ProductFeedItemCodec.Decode(File.ReadAllBytes(path)).Item).ToList();

        Assert.Contains(items, item => item is not null);
        Assert.Contains(items, item => item is null);
    }
}
