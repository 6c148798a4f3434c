namespace Rapport.Adapters.Libp2p.Muxing;

/// <summary>The remote peer broke the yamux protocol; the session ends with go-away(protocol error).</summary>
internal sealed class YamuxProtocolViolation : Exception
{
    public YamuxProtocolViolation()
    {
    }

    public YamuxProtocolViolation(string message)
        : base(message)
    {
    }

    public YamuxProtocolViolation(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
