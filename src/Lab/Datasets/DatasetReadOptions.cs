namespace Journeys.Lab.Datasets;

/// <summary>Optional inputs some formats can join in.</summary>
/// <param name="CategoriesPath">
/// DIGINETICA <c>product-categories.csv</c> (<c>itemId;categoryId</c>, gzip or plain). When given, views get the
/// item's categoryId; without it their CategoryId is null. Used by the DIGINETICA formats, ignored by the others.
/// </param>
/// <param name="PurchasesPath">
/// DIGINETICA <c>train-purchases.csv</c> (gzip or plain), required by <see cref="DatasetFormat.DigineticaJourneys"/>
/// and ignored by the other formats.
/// </param>
public sealed record DatasetReadOptions(string? CategoriesPath = null, string? PurchasesPath = null);
