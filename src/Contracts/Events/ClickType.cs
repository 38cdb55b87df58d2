using System.Text.Json.Serialization;

namespace Journeys.Contracts.Events;

/// <summary>The kinds of click the collectors send. Wire names are snake_case and part of the public contract.</summary>
public enum ClickType
{
    [JsonStringEnumMemberName("page_view")] PageView,
    [JsonStringEnumMemberName("product_view")] ProductView,
    [JsonStringEnumMemberName("search")] Search,
    [JsonStringEnumMemberName("add_to_cart")] AddToCart,
    [JsonStringEnumMemberName("remove_from_cart")] RemoveFromCart,
    [JsonStringEnumMemberName("checkout_start")] CheckoutStart,
    [JsonStringEnumMemberName("purchase")] Purchase,
}
