using Microsoft.Extensions.Logging;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>
/// What the sync service logs (event ids 4001–4049): rounds that failed and sessions that resumed. Peer ids and error
/// codes only: an error's message never carries a shared value (protocol/sharing.md §8).
/// </summary>
internal static partial class SyncLog
{
    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "sync session with {Peer} started ({Direction})")]
    public static partial void SessionStarted(ILogger logger, string peer, string direction);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "sync session with {Peer} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "sync with {Peer}: {Code}: {Reason}")]
    public static partial void SyncRefused(ILogger logger, string peer, string code, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "sync with {Peer} failed: {Reason}")]
    public static partial void SyncFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "sync with {Peer} not resumed yet: {Reason}")]
    public static partial void NotResumedYet(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "sync with {Peer} resumed after its stream broke")]
    public static partial void Resumed(ILogger logger, string peer);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "sync with {Peer} not resumed: {Code}: {Reason}")]
    public static partial void NotResumed(ILogger logger, string peer, string code, string reason);
}
