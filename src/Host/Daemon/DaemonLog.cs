using Microsoft.Extensions.Logging;

namespace Rapport.Host.Daemon;

/// <summary>
/// What the node's peer side logs (event ids 5001–5099; docs/logging.md): peers reached, grants delivered, expiry
/// purges, background work that failed. Peer ids, versions and error codes only — never a contact's or profile's value.
/// </summary>
internal static partial class DaemonLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "dialing {Address}")]
    public static partial void Dialing(ILogger logger, string address);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "{Address} not reached: {Reason}")]
    public static partial void DialFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "could not identify {Peer}: {Reason}")]
    public static partial void IdentifyFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "{Peer} listens on {Addresses}")]
    public static partial void PeerListens(ILogger logger, string peer, string addresses);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "background work {Work} failed")]
    public static partial void WorkFailed(ILogger logger, string work, Exception exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "redial {Peer}: next attempt in {Seconds:0.#} s")]
    public static partial void NextAttempt(ILogger logger, string peer, double seconds);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "redial {Peer}: the loop failed; it starts again on the next kick")]
    public static partial void RedialFailed(ILogger logger, string peer, Exception exception);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "redial {Peer}: {Count} grant(s) to deliver but no address known; waiting for it to connect")]
    public static partial void NoAddressToRedial(ILogger logger, string peer, int count);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "redial {Peer}: dialing (attempt {Attempt})")]
    public static partial void Redialing(ILogger logger, string peer, int attempt);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "redial {Peer}: unreachable: {Reason}")]
    public static partial void Unreachable(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "redial {Peer}: connected")]
    public static partial void Redialed(ILogger logger, string peer);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "grant version {Version} delivered to {Peer}")]
    public static partial void Delivered(ILogger logger, long version, string peer);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "grant version {Version} to {Peer} not delivered: {Reason}")]
    public static partial void NotDelivered(ILogger logger, long version, string peer, string reason);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Warning, Message = "sync with {Peer}: {Code}: {Reason}")]
    public static partial void SyncRefused(ILogger logger, string peer, string code, string reason);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Information, Message = "consent of {Customer} to {Business} expired: shared values purged")]
    public static partial void ExpiredAndPurged(ILogger logger, string customer, string business);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Warning, Message = "expiry sweep failed; the next one tries again")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5050, Level = LogLevel.Warning, Message = "refusal counts not written at stop")]
    public static partial void RefusalCountsLost(ILogger logger, Exception exception);
}
