using Microsoft.Extensions.Logging;

namespace Journeys.SessionActors.State;

/// <summary>
/// The engine's loggers for the embedded Garnet, passing on its warnings and errors only: Garnet logs its whole
/// configuration and recovery steps at Information, which would bury the engine's own start-up lines. Its argument
/// parser's warning that an external logger factory makes its own logging options moot is dropped too: that is this
/// factory's purpose, not something an operator can act on.
/// </summary>
internal sealed class WarningsOnlyLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new WarningsOnly(inner.CreateLogger(categoryName), categoryName == "ArgParser");

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The engine owns the inner factory.
    public void Dispose()
    {
    }

    private sealed class WarningsOnly(ILogger inner, bool argumentParser) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && !(argumentParser && formatter(state, exception).StartsWith("Received an external ILoggerFactory", StringComparison.Ordinal)))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
