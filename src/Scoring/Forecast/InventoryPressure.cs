namespace Journeys.Scoring.Forecast;

/// <summary>
/// What a product's stock says about its price and its place in recommendations (from the forecast stage's inventory
/// view: stock from the product feed minus purchases since, against forecast demand).
/// </summary>
public enum InventoryPressure
{
    /// <summary>No stock figure in the feed, or no forecast: pricing and recommendations ignore inventory.</summary>
    Unknown,

    /// <summary>Likely to run out within the configured horizon: no discount, and not recommended.</summary>
    StockOutRisk,

    /// <summary>Stock in line with demand.</summary>
    Normal,

    /// <summary>Far more days of cover than the configured target: more discount room.</summary>
    Overstocked,
}
