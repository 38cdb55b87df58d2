namespace Journeys.Scoring.Pricing;

/// <summary>
/// <see cref="DemandModel.Probability"/> for one product in one session state, at any price: what does not depend on the
/// price — the category's reference, ln(list / reference), ln(list), logit(conversion) — is computed once for the
/// optimizer's whole grid instead of at every price, and no feature array is allocated. The terms are added in the
/// model's feature order, the same operations as before, so every probability equals <see cref="DemandModel.Probability"/>'s
/// to the bit.
/// </summary>
internal readonly struct PriceResponse
{
    private readonly double[] _coefficients;
    private readonly double _intercept;
    private readonly double _listPrice;
    private readonly double _logListOverReference;
    private readonly double _logList;
    private readonly double _logit;
    private readonly double _friction;

    public PriceResponse(double[] coefficients, double intercept, double listPrice, double reference, double logit, double friction)
    {
        _coefficients = coefficients;
        _intercept = intercept;
        _listPrice = listPrice;
        _logListOverReference = Math.Log(listPrice / reference);
        _logList = Math.Log(listPrice);
        _logit = logit;
        _friction = friction;
    }

    public double Probability(double price)
    {
        var c = _coefficients;
        var own = Math.Log(price / _listPrice);
        // Term by term in DemandModel.FeatureNames order.
        var z = _intercept;
        z += c[0] * own;
        z += c[1] * (own * _logit);
        z += c[2] * (own * _friction);
        z += c[3] * _logListOverReference;
        z += c[4] * _logList;
        z += c[5] * _logit;
        z += c[6] * _friction;
        return 1 / (1 + Math.Exp(-z));
    }
}
