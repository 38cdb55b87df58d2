using Journeys.Engine.Http;

namespace Journeys.EndToEnd.Tests.Http;

public sealed class HttpOptionsValidatorTests
{
    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    [InlineData("http://127.0.0.1:9464")]
    [InlineData("http://0.0.0.0:9464; http://[::1]:9465")]
    [InlineData("http://127.0.0.1:0")]
    public void Urls_kestrel_can_listen_on_or_none_are_accepted(string urls) =>
        Assert.True(new HttpOptionsValidator().Validate(null, new HttpOptions { Urls = urls }).Succeeded);

    [Theory]
    [InlineData("")]
    [InlineData("9464")]
    [InlineData("https://127.0.0.1:9464")]
    [InlineData("http://127.0.0.1:9464/metrics")]
    [InlineData("ftp://x")]
    public void Other_urls_are_refused_naming_the_setting_and_an_example(string urls)
    {
        var result = new HttpOptionsValidator().Validate(null, new HttpOptions { Urls = urls });

        Assert.True(result.Failed);
        Assert.Contains("Http:Urls", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9464", result.FailureMessage, StringComparison.Ordinal);
    }
}
