using System.Buffers;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Journeys.Engine.Http.Dashboard;

/// <summary>
/// The live dashboard at <c>/</c>: one page, its script and stylesheet, and the vendored uPlot (vendor/uplot/README.md),
/// all embedded in this assembly (Journeys.Engine.csproj, logical names <c>dashboard/…</c>) so the engine serves everything the
/// page loads and the page needs no other network. The page reads <c>/metrics</c> for its figures and
/// <c>/dashboard/top-products.json</c> for the most recommended products, which are no metric labels.
/// </summary>
internal static class DashboardEndpoints
{
    private const string Prefix = "dashboard/";

    /// <summary>Products the dashboard lists.</summary>
    internal const int TopProducts = 10;

    // Only what the page loads; a self-contained page, so nothing from elsewhere (and no inline script) is allowed.
    private const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> Assets = Load();

    public static void MapDashboard(this IEndpointRouteBuilder app, EngineCounters counters)
    {
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/dashboard/top-products.json", () => Results.Bytes(TopProductsJson(counters.Recommended.Top(TopProducts)), "application/json"));
        app.MapGet("/dashboard/{**path}", (string path) => Asset(path));
    }

    private static IResult Asset(string path) =>
        Assets.TryGetValue(path, out var asset) ? new AssetResult(asset.Bytes, asset.ContentType) : Results.NotFound();

    internal static byte[] TopProductsJson(IReadOnlyList<RecommendedProduct> products)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("halveEvery", TopRecommendations.DefaultHalveEvery);
            json.WriteStartArray("products");
            foreach (var p in products)
            {
                json.WriteStartObject();
                json.WriteString("product", p.ProductId);
                json.WriteNumber("count", p.Count);
                json.WriteNumber("maxOvercount", p.MaxOvercount);
                json.WriteStartArray("reasons");
                foreach (var (reason, count) in p.Reasons)
                {
                    json.WriteStartObject();
                    json.WriteString("reason", reason);
                    json.WriteNumber("count", count);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            assets[name[Prefix.Length..]] = (copy.ToArray(), ContentType(name));
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    /// <summary>An embedded file with the headers that keep the page to itself.</summary>
    private sealed class AssetResult(byte[] bytes, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-cache";
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = bytes.Length;
            return httpContext.Response.Body.WriteAsync(bytes).AsTask();
        }
    }
}
