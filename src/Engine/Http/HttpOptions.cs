namespace Journeys.Engine.Http;

/// <summary>
/// The engine's read-only HTTP surface (configuration section <c>Http</c>): health for orchestrators, metrics for
/// Prometheus, and the latest decision of a session.
/// </summary>
public sealed class HttpOptions
{
    public const string SectionName = "Http";

    /// <summary>The value of <see cref="Urls"/> that turns the HTTP surface off.</summary>
    public const string None = "none";

    /// <summary>
    /// Where to listen: one or more <c>http://host:port</c> separated by <c>;</c>, or <c>none</c>. Loopback by default:
    /// listening beyond it (<c>http://0.0.0.0:9464</c>) exposes metrics and decisions to the network, an explicit choice.
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:9464";

    /// <summary>True when the surface is off.</summary>
    public bool Disabled => string.Equals(Urls.Trim(), None, StringComparison.OrdinalIgnoreCase);

    /// <summary>The URLs to listen on (empty when off).</summary>
    public IReadOnlyList<string> UrlList => Disabled ? [] : Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
