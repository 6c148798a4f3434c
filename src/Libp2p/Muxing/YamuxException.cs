namespace Rapport.Libp2p.Muxing;

/// <summary>A yamux session or stream can no longer be used (closed, gone away, or over a limit).</summary>
public sealed class YamuxException : IOException
{
    public YamuxException()
    {
    }

    public YamuxException(string message)
        : base(message)
    {
    }

    public YamuxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
