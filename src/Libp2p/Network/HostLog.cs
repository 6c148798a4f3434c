using Microsoft.Extensions.Logging;

namespace Rapport.Libp2p.Network;

/// <summary>What the libp2p host logs (event ids 3001–3099): connections, refusals and stream failures. Peer ids only, never payloads.</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "connected {Connection}")]
    public static partial void Connected(ILogger logger, PeerConnection connection);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "disconnected {Connection}: {Reason}")]
    public static partial void Disconnected(ILogger logger, PeerConnection connection, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "accept on {Listener} failed: {Reason}")]
    public static partial void AcceptFailed(ILogger logger, string listener, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "refused {Remote}: already {Limit} connections")]
    public static partial void RefusedAtLimit(ILogger logger, string remote, int limit);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "inbound {Remote} closed during the upgrade: {Reason}")]
    public static partial void InboundClosed(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "stream from {Peer} failed: {Reason}")]
    public static partial void StreamFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "closing idle {Connection}")]
    public static partial void ClosingIdle(ILogger logger, PeerConnection connection);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "{Peer}: {SessionEvent}")]
    public static partial void SessionEvent(ILogger logger, string peer, string sessionEvent);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "closing {Connection} failed: {Reason}")]
    public static partial void CloseFailed(ILogger logger, PeerConnection connection, string reason);
}
