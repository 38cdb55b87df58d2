namespace Journeys.Scoring.Catalog;

/// <summary>
/// Lazy exponential decay by event time (forward decay, Cormode et al. 2009): an observation at time t is added with
/// weight 2^((t − L) / halfLife) for a landmark L, and a total read at time T is divided by 2^((T − L) / halfLife).
/// That equals decaying every count by its age, yet nothing is touched per tick, and every count of the model grows
/// by the same factor, so orders and ratios need no update as time passes. The landmark moves forward (every stored
/// weight rescaled once) before weights would leave float range. Without a half-life every weight is 1.
/// </summary>
internal sealed class ForwardDecay
{
    /// <summary>Exponent (in half-lives past the landmark) at which weights are rescaled: 2^64 leaves float headroom for 2^60 events.</summary>
    public const double RescaleExponent = 64;

    private readonly double? _halfLifeTicks;
    private long? _landmarkTicks;

    public ForwardDecay(TimeSpan? halfLife) => _halfLifeTicks = halfLife?.Ticks;

    /// <summary>
    /// The weight of an observation at <paramref name="time"/>. When it would pass <see cref="RescaleExponent"/>,
    /// returns the factor every stored weight must be multiplied by first (else 1), and moves the landmark to <paramref name="time"/>.
    /// </summary>
    public float Weight(DateTimeOffset time, out float rescale)
    {
        rescale = 1;
        if (_halfLifeTicks is not { } h) return 1;
        _landmarkTicks ??= time.UtcTicks;
        var exponent = (time.UtcTicks - _landmarkTicks.Value) / h;
        if (exponent > RescaleExponent)
        {
            rescale = (float)Math.Pow(2, -exponent);
            _landmarkTicks = time.UtcTicks;
            exponent = 0;
        }
        return (float)Math.Pow(2, exponent);
    }

    /// <summary>The landmark in ticks (null before the first weight): part of the catalog view's saved state.</summary>
    public long? Landmark
    {
        get => _landmarkTicks;
        set => _landmarkTicks = value;
    }

    /// <summary>A stored weight as a decayed count at <paramref name="now"/>.</summary>
    public double Decayed(float weight, DateTimeOffset now)
    {
        if (_halfLifeTicks is not { } h || _landmarkTicks is not { } l) return weight;
        return weight / Math.Pow(2, (now.UtcTicks - l) / h);
    }
}
