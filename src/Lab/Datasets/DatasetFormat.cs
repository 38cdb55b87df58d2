namespace Journeys.Lab.Datasets;

/// <summary>The clickstream file formats <see cref="DatasetReader"/> turns into click events.</summary>
public enum DatasetFormat
{
    /// <summary>Our wire format as JSON lines: one <c>ClickEvent</c> JSON object per line (CLI name <c>journeys</c>).</summary>
    Journeys,

    /// <summary>YOOCHOOSE / RecSys Challenge 2015 clicks: session-rec prepared TSV or raw <c>yoochoose-clicks.dat</c>.</summary>
    Yoochoose,

    /// <summary>REES46 / Open CDP e-commerce behaviour CSV (multi-category store, cosmetics shop).</summary>
    Rees46,

    /// <summary>DIGINETICA CIKM Cup 2016 <c>train-item-views.csv</c> (semicolon-separated product views).</summary>
    DigineticaViews,

    /// <summary>
    /// DIGINETICA views joined with <c>train-purchases.csv</c> (<see cref="DatasetReadOptions.PurchasesPath"/>, required):
    /// product views and purchases of the sessions in the views file (CLI name <c>diginetica-journeys</c>).
    /// </summary>
    DigineticaJourneys,
}
