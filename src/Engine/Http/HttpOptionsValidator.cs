using Microsoft.Extensions.Options;

namespace Journeys.Engine.Http;

/// <summary>Refuses <c>Http:Urls</c> that Kestrel could not listen on, at start, naming the fix.</summary>
internal sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        if (options.Disabled) return ValidateOptionsResult.Success;
        var urls = options.UrlList;
        if (urls.Count == 0) return ValidateOptionsResult.Fail("Http:Urls is empty: give http://host:port (e.g. http://127.0.0.1:9464) or none.");
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
            {
                return ValidateOptionsResult.Fail(
                    $"Http:Urls '{url}' is not http://host:port (e.g. http://127.0.0.1:9464; several separated by ';'; none turns HTTP off).");
            }
        }
        return ValidateOptionsResult.Success;
    }
}
