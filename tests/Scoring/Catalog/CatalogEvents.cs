using Journeys.Contracts.Events;
using Journeys.Scoring.Catalog;

namespace Journeys.Scoring.Tests.Catalog;

/// <summary>Hand-made click streams for the catalog tests: one builder per stream, event times one second apart unless set.</summary>
internal sealed class CatalogEvents
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<ClickEvent> _events = [];
    private DateTimeOffset _time = Start;

    public IReadOnlyList<ClickEvent> Events => _events;

    public CatalogEvents At(DateTimeOffset at)
    {
        _time = at;
        return this;
    }

    public CatalogEvents View(string session, string product, string? category = null) => Add(session, ClickType.ProductView, product, category);

    public CatalogEvents Views(string session, params string[] products)
    {
        foreach (var p in products) View(session, p);
        return this;
    }

    public CatalogEvents Cart(string session, string product) => Add(session, ClickType.AddToCart, product);

    public CatalogEvents Uncart(string session, string product) => Add(session, ClickType.RemoveFromCart, product);

    public CatalogEvents Purchase(string session, string product) => Add(session, ClickType.Purchase, product);

    public CatalogEvents PageView(string session) => Add(session, ClickType.PageView, null);

    public CatalogEvents Add(string session, ClickType type, string? product, string? category = null)
    {
        _events.Add(new ClickEvent($"e{_events.Count}", session, null, _time, type, product, category));
        _time = _time.AddSeconds(1);
        return this;
    }

    public CatalogModel Feed(CatalogModel model)
    {
        foreach (var e in _events) model.Observe(e);
        return model;
    }
}
