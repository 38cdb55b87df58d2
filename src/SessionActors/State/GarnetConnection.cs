namespace Journeys.SessionActors.State;

/// <summary>The Garnet this engine uses: an external one by endpoint, or the embedded one it owns (and stops).</summary>
public sealed class GarnetConnection : IDisposable
{
    private readonly EmbeddedGarnet? _embedded;

    public GarnetConnection(string endpoint) => Endpoint = endpoint;

    public GarnetConnection(EmbeddedGarnet embedded)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        _embedded = embedded;
        Endpoint = embedded.Endpoint;
    }

    public string Endpoint { get; }

    public bool IsEmbedded => _embedded is not null;

    public void Dispose() => _embedded?.Dispose();
}
