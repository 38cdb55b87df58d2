namespace Journeys.Ingest.Datasets;

/// <summary>Optional inputs some formats can join in.</summary>
/// <param name="CategoriesPath">
/// DIGINETICA <c>product-categories.csv</c> (<c>itemId;categoryId</c>, gzip or plain). When given, views get the
/// item's categoryId; without it their CategoryId is null. Ignored by the other formats.
/// </param>
public sealed record DatasetReadOptions(string? CategoriesPath = null);
