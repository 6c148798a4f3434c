using Microsoft.Extensions.Logging;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>What the consent protocol logs (event ids 4050–4069): which message came from which peer, and the code it was refused with.</summary>
internal static partial class ConsentLog
{
    [LoggerMessage(EventId = 4050, Level = LogLevel.Information, Message = "consent {Message} from {Peer} received")]
    public static partial void Received(ILogger logger, string message, string peer);

    [LoggerMessage(EventId = 4051, Level = LogLevel.Warning, Message = "consent {Message} from {Peer} refused: {Code}")]
    public static partial void Refused(ILogger logger, string message, string peer, string code);
}
