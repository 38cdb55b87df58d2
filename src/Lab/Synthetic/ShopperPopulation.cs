using Journeys.Contracts.Events;

namespace Journeys.Lab.Synthetic;

/// <summary>
/// A seeded population of concurrent synthetic shoppers drawn from a <see cref="ShopperProfile"/>: it keeps
/// <c>concurrentSessions</c> sessions open, emits the next event of a uniformly chosen open session, and replaces a
/// session that reached its sampled length with a new one. Same seed, same stream. Memory is a few dozen bytes per
/// open session, so millions of concurrent sessions are fine.
/// </summary>
public sealed class ShopperPopulation
{
    private readonly ShopperProfile _profile;
    private readonly Random _rng;
    private readonly OpenSession[] _open;
    private readonly string _prefix;
    private long _nextSession;

    public ShopperPopulation(ShopperProfile profile, int concurrentSessions, int seed, string sessionPrefix = "ls")
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrentSessions, 1);
        _profile = profile;
        _rng = new Random(seed);
        _prefix = sessionPrefix;
        _open = new OpenSession[concurrentSessions];
        for (var i = 0; i < _open.Length; i++)
        {
            _open[i] = NewSession();
        }
    }

    /// <summary>Sessions started so far (including the open ones).</summary>
    public long SessionsStarted => _nextSession;

    /// <summary>An endless stream; take as many events as needed. Timestamps are the moment of generation.</summary>
    public IEnumerable<ClickEvent> Events(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        while (true)
        {
            var slot = _rng.Next(_open.Length);
            var s = _open[slot];
            var type = (ClickType)Draw(_profile.TransitionCumulative[s.PreviousType]);
            var product = ClickTypes.RequiresProduct(type)
                ? Draw(_profile.ProductCumulative)
                : -1;
            var e = new ClickEvent(
                $"{s.Id}-{s.Emitted}", s.Id, s.UserId, clock.GetUtcNow(), type,
                product >= 0 ? _profile.Products[product] : null,
                product >= 0 ? _profile.Categories[product] : null,
                product >= 0 ? _profile.Prices[product] : null,
                type is ClickType.AddToCart or ClickType.Purchase ? 1 : null,
                type == ClickType.Search ? "search" : null,
                "loadtest");
            s.Emitted++;
            s.PreviousType = (int)type;
            if (s.Emitted >= s.Length)
            {
                _open[slot] = NewSession();
            }
            yield return e;
        }
    }

    private OpenSession NewSession()
    {
        var n = _nextSession++;
        return new OpenSession($"{_prefix}-{n}", $"u-{n}", _profile.SessionLengths[_rng.Next(_profile.SessionLengths.Length)]);
    }

    private int Draw(double[] cumulative)
    {
        var i = Array.BinarySearch(cumulative, _rng.NextDouble());
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    private sealed class OpenSession(string id, string userId, int length)
    {
        public string Id { get; } = id;

        public string UserId { get; } = userId;

        public int Length { get; } = length;

        public int Emitted { get; set; }

        public int PreviousType { get; set; } = ClickTypes.Count;
    }
}
