using Rapport.Domain.Common;

namespace Rapport.Adapters.Libp2p.Sharing;

/// <summary>Codes of the framing both rapport protocols share (protocol/sharing.md §3, §7). A peer that breaks it failed, as far as the local caller is concerned.</summary>
public static class WireErrors
{
    public static readonly ErrorCode Malformed = new("PROTO_MALFORMED", ErrorKind.Unavailable);

    /// <summary>A message kind this minor version does not speak.</summary>
    public static readonly ErrorCode Unsupported = new("PROTO_UNSUPPORTED", ErrorKind.Unavailable);

    public static readonly ErrorCode FrameTooLarge = new("SYNC_FRAME_TOO_LARGE", ErrorKind.Unavailable);

    /// <summary>The stream ended cleanly before the next frame.</summary>
    public static readonly ErrorCode StreamEnded = new("STREAM_ENDED", ErrorKind.Unavailable);
}
