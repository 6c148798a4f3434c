namespace Rapport.Libp2p.Muxing;

/// <summary>yamux (<c>/yamux/1.0.0</c>) as a host's stream multiplexer.</summary>
public sealed class YamuxMuxer(YamuxOptions? options = null) : IStreamMuxer
{
    public const string Id = "/yamux/1.0.0";

    public string ProtocolId => Id;

    public IMuxedSession Start(Stream secured, bool initiator, Action<string> log)
    {
        var session = new YamuxSession(secured, initiator, options, log);
        session.Start();
        return session;
    }
}
