using Microsoft.Extensions.Logging;

namespace Journeys.Scoring.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Scoring model {Version} ready (trained: {Trained}, {Items} items, hidden {Hidden}, device {Device})")]
    public static partial void ModelReady(ILogger logger, string version, bool trained, int items, int hidden, string device);

    [LoggerMessage(2, LogLevel.Warning, "Scoring model {Version} is an untrained seeded initialization: its stage, conversion, friction and recommendations are not predictions")]
    public static partial void Untrained(ILogger logger, string version);

    [LoggerMessage(3, LogLevel.Information, "Model step on {Backend}: {Runtime}")]
    public static partial void Backend(ILogger logger, string backend, string runtime);
}
