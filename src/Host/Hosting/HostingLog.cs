using Microsoft.Extensions.Logging;

namespace Rapport.Host.Hosting;

/// <summary>What the node's host logs (event ids 1001–1049; docs/logging.md).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "{Report}")]
    public static partial void OpeningReport(ILogger logger, string report);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "stopping {Part}")]
    public static partial void Stopping(ILogger logger, string part);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "{Part} stopped in {Milliseconds} ms")]
    public static partial void Stopped(ILogger logger, string part, long milliseconds);
}
