using Journeys.Scoring.Batching;

namespace Journeys.Scoring.Tests.Batching;

public sealed class StateArenaTests
{
    [Fact]
    public void A_rented_row_starts_at_zero_and_rows_do_not_overlap_across_pages()
    {
        var arena = new StateArena(hiddenSize: 3);
        var slots = Enumerable.Range(0, StateArena.RowsPerPage + 10).Select(_ => arena.Rent()).ToArray();

        foreach (var slot in slots)
        {
            Assert.All(arena.Row(slot).ToArray(), v => Assert.Equal(0f, v));
            arena.H(slot).Fill(slot);
            arena.C(slot).Fill(-slot);
        }

        Assert.Equal(slots.Length, slots.Distinct().Count());
        Assert.Equal(slots.Length, arena.Rented);
        foreach (var slot in slots)
        {
            Assert.Equal([slot, slot, slot, -slot, -slot, -slot], arena.Row(slot).ToArray());
        }
    }

    [Fact]
    public void A_returned_row_is_rented_again_cleared()
    {
        var arena = new StateArena(hiddenSize: 2);
        var first = arena.Rent();
        arena.Row(first).Fill(7);

        arena.Return(first);
        var again = arena.Rent();

        Assert.Equal(first, again);
        Assert.Equal([0f, 0f, 0f, 0f], arena.Row(again).ToArray());
        Assert.Equal(1, arena.Rented);
    }
}
