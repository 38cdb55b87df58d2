namespace Journeys.Scoring.Pricing;

/// <summary>
/// The values of <c>PriceOffer.Guardrail</c>: which guardrail decided the offer. An optimizer guardrail "binds" when a
/// price just beyond it would have earned more expected profit; <see cref="None"/> means the optimum lay inside the range.
/// </summary>
public static class PriceGuardrail
{
    /// <summary>The offer sits at cost × (1 + MinMargin), or there is no margin room and the list price is offered.</summary>
    public const string MinMargin = "min_margin";

    /// <summary>The offer sits at the deepest allowed discount from list.</summary>
    public const string MaxDiscount = "max_discount";

    /// <summary>A higher price would have earned more; no offer exceeds the list price.</summary>
    public const string ListPrice = "list_price";

    /// <summary>The session saw this price for this product within the stability window; it is shown again.</summary>
    public const string Stability = "stability";

    /// <summary>The product may run out: no discount, though one would have earned more.</summary>
    public const string StockOutRisk = "stock_out_risk";

    /// <summary>No guardrail decided the offer.</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [MinMargin, MaxDiscount, ListPrice, Stability, StockOutRisk, None];
}
