using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Protocol.Sharing.V1;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>
/// Framing of <c>/rapport/sync/1.0.0</c> (protocol/sharing.md §3). A message whose <c>body</c> is not set but which
/// carries unknown fields is a <c>oneof</c> case from a newer minor version: it decodes (with
/// <see cref="SyncMessage.BodyOneofCase.None"/>) so that the session can answer <c>PROTO_UNSUPPORTED</c>, non-fatal.
/// </summary>
public static class SyncFrame
{
    public const int MaxMessageLength = ProtoFrameCodec<SyncMessage>.MaxMessageLength;

    // A parsed message of one or more bytes with no known case set can only hold unknown fields.
    public static ProtoFrameCodec<SyncMessage> Codec { get; } = new(SyncMessage.Parser, "sync message", _ => true);
}
