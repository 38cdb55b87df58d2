namespace Journeys.Lab.Pricing;

/// <summary>
/// One simulated session looking at one product. Latent: <see cref="Intent"/>, <see cref="WillingnessToPay"/>,
/// <see cref="Sensitivity"/>; observed by pricing: <see cref="Conversion"/> and <see cref="Friction"/>, noisy signals of
/// intent and of price sensitivity as a session model would give them. <see cref="Draw"/> decides the purchase
/// (bought iff Draw &lt; P(buy | price)), so every policy meets the same luck.
/// </summary>
/// <param name="Product">Index into the simulator's products.</param>
/// <param name="Intent">Probability the shopper buys at all if the price suits.</param>
/// <param name="Sensitivity">How sharply purchase odds fall as the price passes the willingness to pay.</param>
public sealed record SimulatedShopper(
    int Product,
    double Intent,
    double WillingnessToPay,
    double Sensitivity,
    double Conversion,
    double Friction,
    double Draw);
