using System.ComponentModel.DataAnnotations;

namespace Journeys.Scoring.Recommendations;

/// <summary>Business rules of the recommender (configuration section <c>Recommendations</c>), validated at start.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Recommendations";

    /// <summary>Recommendations per decision.</summary>
    [Range(1, 100, ErrorMessage = "Recommendations:Count must be between 1 and 100.")]
    public int Count { get; set; } = 10;

    /// <summary>
    /// At most this many recommendations from one category (diversity): ten phone cases are one recommendation said ten
    /// times. Products with no known category are not capped.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Recommendations:MaxPerCategory must be between 1 and 100.")]
    public int MaxPerCategory { get; set; } = 3;

    /// <summary>Never recommend a product the session already bought.</summary>
    public bool ExcludePurchased { get; set; } = true;

    /// <summary>Never recommend a product the inventory view says is out of stock or about to run out.</summary>
    public bool ExcludeOutOfStock { get; set; } = true;

    /// <summary>Product ids never recommended (recalls, adult items, …).</summary>
    public IList<string> Blocklist { get; } = [];

    /// <summary>
    /// Weight of catalog relations against the model's scores when blending candidates (0 = model only). The default
    /// is the weight chosen on held-out training sessions of the Diginetica split (README, "Recommendations").
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Recommendations:RelationWeight must be between 0 and 1.")]
    public double RelationWeight { get; set; } = 0.3;
}
