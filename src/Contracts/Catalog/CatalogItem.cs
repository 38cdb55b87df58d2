namespace Journeys.Contracts.Catalog;

/// <summary>
/// One product of the catalog feed: a row of the file <c>journeys catalog --file</c> loads, or a record on
/// <c>journeys.catalog</c> (key = <see cref="ProductId"/>; the latest record per product wins).
/// Unknown values are null: a null <see cref="Cost"/> makes pricing assume the configured default margin and say so,
/// a null <see cref="Stock"/> leaves the product's inventory unknown (never treated as out of stock).
/// </summary>
public sealed record CatalogItem(string ProductId, string? CategoryId, double? ListPrice, double? Cost, int? Stock);
