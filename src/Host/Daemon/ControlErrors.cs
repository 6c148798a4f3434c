using Rapport.Domain.Common;
using Rapport.Host.Control;

namespace Rapport.Host.Daemon;

/// <summary>Turns a use case's error into a control response: network and peer failures are exit code 1, the rest 2.</summary>
public static class ControlErrors
{
    private static readonly HashSet<string> NetworkCodes = new(StringComparer.Ordinal)
    {
        "NOT_CONNECTED", "HANDSHAKE_FAILED", "SECURITY_NEGOTIATION_FAILED", "MUXER_NEGOTIATION_FAILED", "NEGOTIATION_FAILED",
        "STREAM_OPEN_FAILED", "TOO_MANY_CONNECTIONS", "SHARING_UNREACHABLE", "SHARING_TIMEOUT", "PROTO_MALFORMED",
        "PROTO_UNSUPPORTED", PeerConnector.NoAddress,
    };

    public static bool IsNetwork(string code) => NetworkCodes.Contains(code) || code.StartsWith("DIAL_", StringComparison.Ordinal) && code != "DIAL_SELF";

    public static ControlResponse Response(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new ControlResponse(false, null, new ControlError(error.Code, error.Message, error.Field, IsNetwork(error.Code)));
    }
}
