using System.Runtime.CompilerServices;
using TorchSharp;

namespace Journeys.Scoring.Tests;

/// <summary>
/// libtorch's intra-op thread count is process-wide, and a reduction's float result depends on how many threads split
/// it. Tests that start the scoring host set it (Scoring:TorchThreads, default 1) while other test classes run in
/// parallel, so a test comparing two computations bit for bit could see the count change between them. Pinned here to
/// the engine's default before any test runs, so those later settings change nothing.
/// </summary>
internal static class TorchThreads
{
#pragma warning disable CA2255 // A test assembly's start-up, not a library's: the point is to run before every test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Pin() => torch.set_num_threads(1);
}
