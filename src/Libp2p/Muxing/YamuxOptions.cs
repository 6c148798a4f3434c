namespace Rapport.Libp2p.Muxing;

/// <summary>Tuning and limits of one yamux session. Defaults follow the libp2p yamux spec.</summary>
public sealed record YamuxOptions
{
    /// <summary>The window every stream starts with on both sides, fixed by the spec.</summary>
    public const int SpecInitialWindow = 256 * 1024;

    /// <summary>
    /// Our receive window per stream (>= 256 KiB). Anything above 256 KiB is granted to the peer with the
    /// stream's first frame. A stream never buffers more than this many unread bytes.
    /// </summary>
    public int InitialWindow { get; init; } = SpecInitialWindow;

    /// <summary>Largest data payload we put into one frame (larger writes are split).</summary>
    public int MaxFrameData { get; init; } = 64 * 1024;

    /// <summary>Streams the peer may have open with us at once; further SYNs are answered with RST.</summary>
    public int MaxInboundStreams { get; init; } = 256;

    /// <summary>Streams we may have open at once; OpenStreamAsync fails beyond it.</summary>
    public int MaxOutboundStreams { get; init; } = 256;

    /// <summary>Outbound streams not yet acknowledged by the peer; OpenStreamAsync waits beyond it.</summary>
    public int AckBacklog { get; init; } = 256;

    /// <summary>How long a session waits to flush its go-away frame before closing the channel anyway.</summary>
    public TimeSpan GoAwayFlushTimeout { get; init; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        if (InitialWindow < SpecInitialWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialWindow), InitialWindow, "must be at least 256 KiB (the spec's initial window)");
        }

        if (MaxFrameData is < 1024 or > 16 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameData), MaxFrameData, "must be between 1 KiB and 16 MiB");
        }

        if (MaxInboundStreams < 0 || MaxOutboundStreams < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInboundStreams), "stream limits cannot be negative");
        }

        if (AckBacklog < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(AckBacklog), AckBacklog, "must be at least 1");
        }
    }
}
