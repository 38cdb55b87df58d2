namespace Journeys.Contracts.ProductFeed;

/// <summary>
/// One product of the product feed: a row of the file <c>journeys catalog --file</c> loads, or a record on the product
/// feed's topic, <c>journeys.catalog</c> by default (key = <see cref="ProductId"/>; the latest record per product wins).
/// The command and the topic keep their names; the "catalog" in C# is the view of relations and trends.
/// Unknown values are null: a null <see cref="Cost"/> makes pricing assume the configured default margin and say so,
/// a null <see cref="Stock"/> leaves the product's inventory unknown (never treated as out of stock).
/// </summary>
public sealed record ProductFeedItem(string ProductId, string? CategoryId, double? ListPrice, double? Cost, int? Stock);
