namespace Rapport.Libp2p.Muxing;

/// <summary>
/// A stream multiplexer (go-libp2p's network.Multiplexer, rust-libp2p's StreamMuxer): many streams over one secured
/// connection. The host negotiates <see cref="ProtocolId"/> with the peer, then starts a session on the connection.
/// </summary>
public interface IStreamMuxer
{
    /// <summary>The id both ends agree on (in the Noise handshake's early data, or over multistream-select).</summary>
    string ProtocolId { get; }

    /// <summary>Starts a session on <paramref name="secured"/>; <paramref name="log"/> hears of its unusual events.</summary>
    IMuxedSession Start(Stream secured, bool initiator, Action<string> log);
}
