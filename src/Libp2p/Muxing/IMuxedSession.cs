namespace Rapport.Libp2p.Muxing;

/// <summary>One multiplexed connection: streams opened and accepted on it, and its end.</summary>
public interface IMuxedSession : IAsyncDisposable
{
    /// <summary>Completes when the session has ended (closed, reset, or broken by the peer).</summary>
    Task Completion { get; }

    /// <summary>Why the session ended, for people; null while it runs.</summary>
    string? CloseReason { get; }

    int ActiveStreams { get; }

    /// <summary>When a frame last crossed, either way (idle connections are closed on it).</summary>
    DateTimeOffset LastActivity { get; }

    /// <summary>How many bytes may ride with a new stream's opening frame.</summary>
    int MaxInitialData { get; }

    /// <summary>Opens a stream, sending <paramref name="initialData"/> with the opening (at most <see cref="MaxInitialData"/> bytes).</summary>
    /// <exception cref="IOException">The session cannot open a stream (ended, or at its stream limit).</exception>
    Task<MuxedStream> OpenStreamAsync(ReadOnlyMemory<byte> initialData, CancellationToken ct);

    /// <summary>The next stream the peer opens.</summary>
    /// <exception cref="IOException">The session ended.</exception>
    Task<MuxedStream> AcceptStreamAsync(CancellationToken ct);

    /// <summary>Ends the session politely: the peer learns no new stream will be accepted.</summary>
    Task CloseAsync();
}
