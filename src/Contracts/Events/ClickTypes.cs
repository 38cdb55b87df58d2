namespace Journeys.Contracts.Events;

/// <summary>Wire names of <see cref="ClickType"/> and the rules that depend on the type.</summary>
public static class ClickTypes
{
    /// <summary>Number of click types; models size their type embedding by it.</summary>
    public const int Count = 7;

    public static string ToWire(ClickType type) => type switch
    {
        ClickType.PageView => "page_view",
        ClickType.ProductView => "product_view",
        ClickType.Search => "search",
        ClickType.AddToCart => "add_to_cart",
        ClickType.RemoveFromCart => "remove_from_cart",
        ClickType.CheckoutStart => "checkout_start",
        ClickType.Purchase => "purchase",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a click type"),
    };

    /// <summary>Parses a UTF-8 wire name without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ClickType type)
    {
        if (utf8.SequenceEqual("product_view"u8)) { type = ClickType.ProductView; return true; }
        if (utf8.SequenceEqual("page_view"u8)) { type = ClickType.PageView; return true; }
        if (utf8.SequenceEqual("search"u8)) { type = ClickType.Search; return true; }
        if (utf8.SequenceEqual("add_to_cart"u8)) { type = ClickType.AddToCart; return true; }
        if (utf8.SequenceEqual("remove_from_cart"u8)) { type = ClickType.RemoveFromCart; return true; }
        if (utf8.SequenceEqual("checkout_start"u8)) { type = ClickType.CheckoutStart; return true; }
        if (utf8.SequenceEqual("purchase"u8)) { type = ClickType.Purchase; return true; }
        type = default;
        return false;
    }

    /// <summary>Types that concern one product and therefore must name it.</summary>
    public static bool RequiresProduct(ClickType type) =>
        type is ClickType.ProductView or ClickType.AddToCart or ClickType.RemoveFromCart or ClickType.Purchase;
}
