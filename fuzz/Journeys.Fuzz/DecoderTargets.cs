using System.Runtime.InteropServices;
using Journeys.Contracts.Events;
using Journeys.Contracts.ProductFeed;
using Journeys.SessionActors.State;
using SharpFuzz;
using SharpFuzz.Common;

namespace Journeys.Fuzz;

/// <summary>
/// The three decoders of bytes that come from outside the engine, each wrapped so that only its documented refusal
/// passes: an invalid result with a reason (click, catalog) or an <see cref="InvalidDataException"/> with a message
/// (snapshot). Any other exception escapes, and afl-fuzz records the input as a crash; an input that runs longer than
/// afl-fuzz's timeout is a hang; an input that allocates more than <see cref="AllocationBudget"/> throws here.
/// </summary>
internal static class DecoderTargets
{
    /// <summary>afl-fuzz never writes more than 1 MB; a longer stdin is cut there so a replay sees what afl saw.</summary>
    private const int MaxInputBytes = 1 << 20;

    private static readonly byte[] Input = new byte[MaxInputBytes];

    public static Action<ReadOnlyMemory<byte>>? Find(string name) => name switch
    {
        "click" => Click,
        "catalog" => ProductFeedRecord,
        "snapshot" => Snapshot,
        _ => null,
    };

    public static void Fuzz(Action<ReadOnlyMemory<byte>> target)
    {
        WarmUp(target);
        Fuzzer.OutOfProcess.Run(stream => Checked(target, Read(stream)));
    }

    /// <summary>
    /// Runs the target over every seed before fuzzing starts. What a process does once — the JSON metadata of each
    /// contract type (generated code in the instrumented assembly), resource strings — then happens here: it is not
    /// charged to one input's allocation budget, and afl-fuzz does not see one input take extra branches the first
    /// time it runs and not the next ("unstable" edges, which it then stops trusting).
    /// </summary>
    private static unsafe void WarmUp(Action<ReadOnlyMemory<byte>> target)
    {
        // Instrumented code records each branch in Trace.SharedMem, which Fuzzer.OutOfProcess.Run points at afl's map
        // (64 KiB); before Run it is null. The scratch map is never freed: one 64 KiB buffer per process.
        Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(1 << 16);
        foreach (var (_, _, bytes) in SeedCorpus.All())
        {
            target(bytes);
        }
    }

    /// <summary>
    /// Managed bytes one decode may allocate: linear in the input (a decoder may copy it and hold its strings and
    /// arrays several times over), never more. A length or count read from the input and trusted would blow it.
    /// </summary>
    public static long AllocationBudget(int inputLength) => (1L << 20) + 64L * inputLength;

    private static void Checked(Action<ReadOnlyMemory<byte>> target, ReadOnlyMemory<byte> input)
    {
        // Each branch is recorded as an edge from the previous one, and SharpFuzz does not reset the previous one
        // between inputs: the first edge of an input would depend on where the input before it ended. afl's own
        // instrumentation starts every input from a fresh fork, so from location 0; so does this.
        Trace.PrevLocation = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        target(input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > AllocationBudget(input.Length))
        {
            throw new InvalidOperationException($"decoding {input.Length} bytes allocated {allocated} bytes");
        }
    }

    private static ReadOnlyMemory<byte> Read(Stream stream)
    {
        var length = 0;
        int read;
        while (length < Input.Length && (read = stream.Read(Input, length, Input.Length - length)) > 0)
        {
            length += read;
        }
        return Input.AsMemory(0, length);
    }

    private static void Click(ReadOnlyMemory<byte> input)
    {
        var result = ClickEventCodec.Decode(input.Span);
        if (result.Event is not { } e)
        {
            Refused(result.Reason, result.Detail);
            return;
        }
        Holds(result.Detail is null, "a valid event came with a refusal detail");
        Holds(Id(e.EventId) && Id(e.SessionId) && OptionalId(e.UserId) && OptionalId(e.ProductId) &&
              OptionalId(e.CategoryId) && OptionalId(e.Channel), "an accepted id is empty or too long");
        Holds(e.Query is not { Length: > ClickEventCodec.MaxQueryLength }, "an accepted query is too long");
        Holds(e.Price is not { } price || (price >= 0 && double.IsFinite(price)), "an accepted price is negative or not finite");
        Holds(e.Quantity is null or >= 1, "an accepted quantity is below 1");
        Holds(!ClickTypes.RequiresProduct(e.Type) || e.ProductId is not null, "an accepted event lacks the product its type needs");
        // What the engine accepts it must be able to write again (replay, and the ids echoed in every decision).
        Holds(ClickEventCodec.Decode(ClickEventCodec.Encode(e)).Event == e, "an accepted event does not survive encode and decode");

        static bool Id(string id) => !string.IsNullOrWhiteSpace(id) && id.Length <= ClickEventCodec.MaxIdLength;
        static bool OptionalId(string? id) => id is null || Id(id);
    }

    private static void ProductFeedRecord(ReadOnlyMemory<byte> input)
    {
        var (item, reason, detail) = ProductFeedItemCodec.Decode(input.Span);
        if (item is null)
        {
            Refused(reason, detail);
            return;
        }
        Holds(detail is null, "a valid item came with a refusal detail");
        Holds(ProductFeedItemCodec.Validate(item) is null, "an accepted item fails validation");
        Holds(ProductFeedItemCodec.Decode(ProductFeedItemCodec.Encode(item)).Item == item, "an accepted item does not survive encode and decode");
    }

    private static void Snapshot(ReadOnlyMemory<byte> input)
    {
        try
        {
            _ = SessionSnapshotCodec.Decode(input);
        }
        catch (InvalidDataException e) when (!string.IsNullOrWhiteSpace(e.Message))
        {
            // The documented refusal: not a snapshot, an unknown version, truncated or corrupt.
        }
    }

    private static void Refused(Contracts.DeadLetters.DeadLetterReason reason, string? detail)
    {
        Holds(Enum.IsDefined(reason), $"a refusal has the undefined reason {(int)reason}");
        Holds(!string.IsNullOrWhiteSpace(detail), $"a refusal ({reason}) has no detail");
    }

    private static void Holds(bool condition, string broken)
    {
        if (!condition)
        {
            throw new InvalidOperationException(broken);
        }
    }
}
