using Microsoft.Extensions.Logging;

namespace Rapport.Host.Control;

/// <summary>What the control socket logs (event ids 6001–6049; docs/logging.md). Command names only, never their arguments.</summary>
internal static partial class ControlLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "removing stale control socket {Path}")]
    public static partial void StaleSocketRemoved(ILogger logger, string path);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "control command {Command} failed in the store: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string command, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "control command {Command} failed")]
    public static partial void CommandFailed(ILogger logger, string command, Exception exception);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "could not remove the control socket {Path}: {Reason}")]
    public static partial void SocketNotRemoved(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "no control socket at {Path} ({Reason}); CLI commands that need this node cannot reach it. Use a shorter --data path.")]
    public static partial void NoControlSocket(ILogger logger, string path, string reason);
}
