using TorchSharp;

namespace Journeys.Scoring.Tests.Model;

public class TorchSharpLoadingTests
{
    [Fact]
    public void TorchSharp_loads_and_runs_an_LSTMCell()
    {
        // On Debian 12 this fails with "cannot open shared object file" unless the build weakened the
        // GLIBCXX_3.4.32 requirement of libLibTorchSharp.so (Directory.Build.targets).
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(1);
        using var cell = torch.nn.LSTMCell(4, 3);
        var input = torch.rand(2, 4, generator: generator);
        var (h, c) = cell.forward(input, (torch.zeros(2, 3), torch.zeros(2, 3)));

        Assert.Equal(new long[] { 2, 3 }, h.shape);
        Assert.Equal(new long[] { 2, 3 }, c.shape);
        Assert.All(h.data<float>().ToArray(), v => Assert.InRange(v, -1f, 1f));
    }
}
