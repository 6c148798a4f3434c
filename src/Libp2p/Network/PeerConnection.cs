using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Negotiation;
using Rapport.Libp2p.Protocols;

namespace Rapport.Libp2p.Network;

/// <summary>
/// One secured, multiplexed connection to a peer (TCP + Noise + Yamux). The host keeps at most one per peer
/// and reuses it for every stream.
/// </summary>
public sealed class PeerConnection : IAsyncDisposable
{
    private readonly IMuxedSession _session;
    private readonly TimeSpan _negotiationTimeout;
    private ProtocolContext? _context;

    internal PeerConnection(PeerId remotePeer, Multiaddr remoteAddress, Multiaddr localAddress, ConnectionDirection direction, IMuxedSession session, TimeSpan negotiationTimeout)
    {
        RemotePeer = remotePeer;
        RemoteAddress = remoteAddress;
        LocalAddress = localAddress;
        Direction = direction;
        _session = session;
        _negotiationTimeout = negotiationTimeout;
    }

    public PeerId RemotePeer { get; }

    public Multiaddr RemoteAddress { get; }

    public Multiaddr LocalAddress { get; }

    public ConnectionDirection Direction { get; }

    public bool IsOpen => !_session.Completion.IsCompleted;

    /// <summary>Why the connection ended, once it has.</summary>
    public string? CloseReason => _session.CloseReason;

    public Task Completion => _session.Completion;

    public int ActiveStreams => _session.ActiveStreams;

    public DateTimeOffset LastActivity => _session.LastActivity;

    internal IMuxedSession Session => _session;

    /// <summary>What protocol handlers learn about this connection; formatted once (base58, multiaddr text), not per stream.</summary>
    internal ProtocolContext Context => _context ??= new ProtocolContext(RemotePeer.ToString(), RemoteAddress.ToString(), LocalAddress.ToString());

    /// <summary>Opens a stream and agrees on one of <paramref name="protocols"/> (in order of preference).</summary>
    public async Task<Result<NegotiatedStream>> OpenStreamAsync(IReadOnlyList<string> protocols, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protocols);
        if (protocols.Count == 0)
        {
            throw new ArgumentException("at least one protocol must be proposed", nameof(protocols));
        }

        // The multistream header and first proposal ride with the SYN (one write, one encrypted frame).
        var proposal = Multistream.FirstProposal(protocols[0]);
        var withSyn = proposal.Length <= _session.MaxInitialData;
        MuxedStream stream;
        try
        {
            stream = await _session.OpenStreamAsync(withSyn ? proposal : ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            return new Error(NetworkErrors.StreamOpenFailed, $"cannot open a stream to {RemotePeer}: {e.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_negotiationTimeout);
        try
        {
            var chosen = withSyn
                ? await Multistream.SelectAfterFirstProposalAsync(stream, protocols, timeout.Token).ConfigureAwait(false)
                : await Multistream.SelectAsync(stream, protocols, timeout.Token).ConfigureAwait(false);
            if (chosen.IsFailure)
            {
                stream.Reset();
                await stream.DisposeAsync().ConfigureAwait(false);
                return chosen.Error;
            }

            return new NegotiatedStream(stream, chosen.Value);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            stream.Reset();
            await stream.DisposeAsync().ConfigureAwait(false);
            return cancellationToken.IsCancellationRequested
                ? throw new OperationCanceledException(cancellationToken)
                : new Error(NetworkErrors.NegotiationFailed, $"protocol negotiation with {RemotePeer} failed: {e.Message}");
        }
    }

    public Task<Result<NegotiatedStream>> OpenStreamAsync(string protocol, CancellationToken cancellationToken) =>
        OpenStreamAsync([protocol], cancellationToken);

    public Task CloseAsync() => _session.CloseAsync();

    public async ValueTask DisposeAsync() => await _session.DisposeAsync().ConfigureAwait(false);

    public override string ToString() => $"{Direction.ToString().ToLowerInvariant()} {RemoteAddress}/p2p/{RemotePeer}";
}
