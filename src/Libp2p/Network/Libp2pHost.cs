using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Negotiation;
using Rapport.Libp2p.Protocols;
using Rapport.Libp2p.Security;
using Rapport.Libp2p.Transport;

namespace Rapport.Libp2p.Network;

/// <summary>
/// A libp2p node: listens and dials over TCP, secures with Noise, multiplexes with Yamux, serves ping, identify and
/// the protocols registered in <see cref="Protocols"/>. One connection per peer, reused for every stream.
/// </summary>
public sealed class Libp2pHost : IAsyncDisposable
{


    private readonly NodeIdentity _identity;
    private readonly Libp2pOptions _options;
    private readonly ILogger _logger;
    private readonly ITransport _transport;
    private readonly IStreamMuxer _muxer;
    private readonly ISecurityProtocol _security;
    private readonly SecurityNegotiation _securityProposal;
    private readonly ConcurrentDictionary<PeerId, PeerConnection> _connections = new();
    private readonly ConcurrentDictionary<PeerConnection, byte> _allConnections = new();
    private readonly ConcurrentDictionary<PeerId, Lazy<Task<Result<PeerConnection>>>> _pendingDials = new();
    private readonly ConcurrentDictionary<PeerId, byte> _blocked = new();
    private readonly List<ITransportListener> _listeners = [];
    private readonly List<Multiaddr> _listenAddresses = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _background = [];
    private int _connectionCount;
    private int _sweeperStarted;

    public Libp2pHost(NodeIdentity identity, Libp2pOptions? options = null, ILogger<Libp2pHost>? logger = null)
    {
        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _options = options ?? new Libp2pOptions();
        _transport = _options.Transport ?? new TcpTransport();
        _muxer = _options.Muxer ?? new YamuxMuxer(_options.Yamux);
        _security = _options.Security ?? new NoiseSecurity();
        var security = _security.ProtocolId;
        _securityProposal = new SecurityNegotiation(
            Multistream.FirstProposal(security), (raw, ct) => Multistream.SelectAfterFirstProposalAsync(raw, [security], ct));
        _logger = logger ?? NullLogger<Libp2pHost>.Instance;
        Protocols.Register(PingProtocol.Id, PingProtocol.HandleAsync);
        Protocols.Register(IdentifyProtocol.Id, (stream, context, ct) => IdentifyProtocol.HandleAsync(stream, IdentifyFor(context), ct));
    }

    public PeerId PeerId => _identity.PeerId;

    public ProtocolRegistry Protocols { get; } = new();

    /// <summary>Where this node listens, each ending in <c>/p2p/&lt;peer id&gt;</c>.</summary>
    public IReadOnlyList<Multiaddr> ListenAddresses
    {
        get
        {
            lock (_listenAddresses)
            {
                return _listenAddresses.Select(a => a.With(PeerId)).ToList();
            }
        }
    }

    public IReadOnlyCollection<PeerConnection> Connections => _allConnections.Keys.ToList();

    public event Action<PeerConnection>? Connected;

    /// <summary>The peers this node refuses to connect with, either way (<see cref="Block"/>).</summary>
    public IReadOnlyCollection<PeerId> BlockedPeers => _blocked.Keys.ToList();

    /// <summary>
    /// Refuses <paramref name="peer"/> from now on — its dials fail after the handshake names it, and dialing it fails
    /// with <c>PEER_BLOCKED</c> — and closes every connection to it (as rust-libp2p's block list and go-libp2p's
    /// connection gater do). Returns once those connections are closed.
    /// </summary>
    public async Task Block(PeerId peer)
    {
        _blocked.TryAdd(peer, 0);
        foreach (var connection in _allConnections.Keys.Where(c => c.RemotePeer == peer))
        {
            await CloseAsync(connection).ConfigureAwait(false);

            // Gone from Connections when this returns (the completion callback would do it, a moment later).
            Unregister(connection);
        }
    }

    /// <summary>Lets <paramref name="peer"/> connect again (nothing is dialed: connections form as usual).</summary>
    public bool Unblock(PeerId peer) => _blocked.TryRemove(peer, out _);

    public event Action<PeerConnection>? Disconnected;

    /// <summary>Starts listening on each address (port 0 picks a free port) and the idle-connection sweeper.</summary>
    public async Task<Result<IReadOnlyList<Multiaddr>>> ListenAsync(IEnumerable<Multiaddr> addresses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            ITransportListener listener;
            try
            {
                listener = await _transport.ListenAsync(address, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                // The transport's message is meant for people; drop the framework's "(Parameter 'x')" suffix.
                return new Error(NetworkErrors.InvalidListenAddress, e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal));
            }
            catch (System.Net.Sockets.SocketException e)
            {
                return new Error(NetworkErrors.ListenFailed, $"cannot listen on {address}: {e.Message}");
            }

            lock (_listenAddresses)
            {
                _listeners.Add(listener);
                _listenAddresses.Add(listener.LocalAddress);
            }

            Track(Task.Run(() => AcceptLoopAsync(listener), CancellationToken.None));
        }

        if (_options.IdleTimeout != Timeout.InfiniteTimeSpan && Interlocked.Exchange(ref _sweeperStarted, 1) == 0)
        {
            Track(Task.Run(SweepIdleConnectionsAsync, CancellationToken.None));
        }

        return Result.Ok(ListenAddresses);
    }

    /// <summary>The open connection to the peer of <paramref name="address"/>, dialing it when there is none.</summary>
    public async Task<Result<PeerConnection>> ConnectAsync(Multiaddr address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var expected = address.PeerId;
        if (expected is { } known)
        {
            if (known == PeerId)
            {
                return new Error(NetworkErrors.DialSelf, "refusing to dial this node's own peer id");
            }

            if (_blocked.ContainsKey(known))
            {
                return BlockedError(known);
            }

            if (_connections.TryGetValue(known, out var existing) && existing.IsOpen)
            {
                return existing;
            }

            var pending = _pendingDials.GetOrAdd(known, _ => new Lazy<Task<Result<PeerConnection>>>(() => DialAsync(address, known, cancellationToken)));
            try
            {
                return await pending.Value.ConfigureAwait(false);
            }
            finally
            {
                _pendingDials.TryRemove(new KeyValuePair<PeerId, Lazy<Task<Result<PeerConnection>>>>(known, pending));
            }
        }

        return await DialAsync(address, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects (or reuses the connection) and opens a stream speaking <paramref name="protocol"/>.</summary>
    public async Task<Result<NegotiatedStream>> OpenStreamAsync(Multiaddr address, string protocol, CancellationToken cancellationToken = default)
    {
        var connection = await ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        return connection.IsFailure ? connection.Error : await connection.Value.OpenStreamAsync(protocol, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a stream to an already connected peer.</summary>
    public async Task<Result<NegotiatedStream>> OpenStreamAsync(PeerId peer, string protocol, CancellationToken cancellationToken = default)
    {
        if (!_connections.TryGetValue(peer, out var connection) || !connection.IsOpen)
        {
            return new Error(NetworkErrors.NotConnected, $"no open connection to {peer}");
        }

        return await connection.OpenStreamAsync(protocol, cancellationToken).ConfigureAwait(false);
    }

    public bool TryGetConnection(PeerId peer, out PeerConnection connection) =>
        _connections.TryGetValue(peer, out connection!) && connection.IsOpen;

    /// <summary>Round-trip time of one <c>/ipfs/ping/1.0.0</c> exchange.</summary>
    public async Task<Result<TimeSpan>> PingAsync(Multiaddr address, CancellationToken cancellationToken = default)
    {
        var opened = await OpenStreamAsync(address, PingProtocol.Id, cancellationToken).ConfigureAwait(false);
        if (opened.IsFailure)
        {
            return opened.Error;
        }

        var stream = opened.Value.Stream;
        try
        {
            return await PingProtocol.PingAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            return new Error(NetworkErrors.PingFailed, $"ping failed: {e.Message}");
        }
        finally
        {
            Track(CloseGracefullyAsync(stream));
        }
    }

    /// <summary>What the peer says about itself over <c>/ipfs/id/1.0.0</c>.</summary>
    public async Task<Result<IdentifyMessage>> IdentifyAsync(Multiaddr address, CancellationToken cancellationToken = default)
    {
        var opened = await OpenStreamAsync(address, IdentifyProtocol.Id, cancellationToken).ConfigureAwait(false);
        if (opened.IsFailure)
        {
            return opened.Error;
        }

        var stream = opened.Value.Stream;
        try
        {
            return await IdentifyProtocol.RequestAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            return new Error(NetworkErrors.IdentifyFailed, $"identify failed: {e.Message}");
        }
        finally
        {
            Track(CloseGracefullyAsync(stream));
        }
    }

    /// <summary>Stops listening, says go-away on every connection and waits for the background work to end.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_listenAddresses)
        {
            foreach (var listener in _listeners)
            {
                listener.Dispose();
            }
        }

        foreach (var connection in _allConnections.Keys)
        {
            await CloseAsync(connection).ConfigureAwait(false);
        }

        Task[] background;
        lock (_background)
        {
            background = [.. _background];
        }

        await Task.WhenAll(background).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task<Result<PeerConnection>> DialAsync(Multiaddr address, PeerId? expected, CancellationToken cancellationToken)
    {
        if (!TryReserveConnectionSlot())
        {
            return new Error(NetworkErrors.TooManyConnections, $"the node already holds {_options.MaxConnections} connections");
        }

        if (!_transport.CanDial(address))
        {
            ReleaseConnectionSlot();
            return new Error(NetworkErrors.DialFailed, $"dial {address}: no transport of this node dials such an address");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(_options.DialTimeout);
        Stream? raw = null;
        try
        {
            raw = await _transport.DialAsync(address, timeout.Token).ConfigureAwait(false);
            var upgraded = await UpgradeAsync(raw, address, ConnectionDirection.Outbound, expected, timeout.Token).ConfigureAwait(false);
            if (upgraded.IsFailure)
            {
                ReleaseConnectionSlot();
                return timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                    ? new Error(NetworkErrors.DialTimeout, $"dial {address}: no answer within {_options.DialTimeout.TotalSeconds:0.#} s")
                    : upgraded.Error with { Message = $"dial {address}: {upgraded.Error.Message}" };
            }

            return upgraded;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ReleaseConnectionSlot();
            await DisposeQuietly(raw).ConfigureAwait(false);
            return new Error(NetworkErrors.DialTimeout, $"dial {address}: no answer within {_options.DialTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            ReleaseConnectionSlot();
            await DisposeQuietly(raw).ConfigureAwait(false);
            return new Error(NetworkErrors.DialFailed, $"dial {address}: {e.Message}");
        }
        catch
        {
            ReleaseConnectionSlot();
            await DisposeQuietly(raw).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>multistream(security) → security handshake → muxer (inlined, or multistream) → muxed session → registered connection.</summary>
    private async Task<Result<PeerConnection>> UpgradeAsync(Stream raw, Multiaddr remoteAddress, ConnectionDirection direction, PeerId? expected, CancellationToken cancellationToken)
    {
        var outbound = direction == ConnectionDirection.Outbound;
        Result<SecuredStream> secured;
        if (outbound)
        {
            // The security protocol is our only proposal, so its first message may follow it without waiting for the
            // echo (the responder reads exactly the negotiation, then the handshake); the answer is read before the
            // handshake's second message.
            secured = await _security.SecureOutboundAsync(raw, _identity, expected, _securityProposal, [_muxer.ProtocolId], cancellationToken).ConfigureAwait(false);
            if (secured.IsFailure && MultistreamErrors.Includes(secured.Error.Code))
            {
                return new Error(NetworkErrors.SecurityNegotiationFailed, secured.Error.Message);
            }
        }
        else
        {
            var security = await Multistream.AcceptAsync(raw, p => p == _security.ProtocolId, cancellationToken).ConfigureAwait(false);
            if (security.IsFailure)
            {
                await raw.DisposeAsync().ConfigureAwait(false);
                return new Error(NetworkErrors.SecurityNegotiationFailed, security.Error.Message);
            }

            secured = await _security.SecureInboundAsync(raw, _identity, [_muxer.ProtocolId], cancellationToken).ConfigureAwait(false);
        }

        if (secured.IsFailure)
        {
            await raw.DisposeAsync().ConfigureAwait(false);
            return new Error(NetworkErrors.HandshakeFailed, secured.Error.Message);
        }

        var channel = secured.Value;
        if (_blocked.ContainsKey(channel.RemotePeer))
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            return BlockedError(channel.RemotePeer);
        }

        var muxer = await NegotiateMuxerAsync(channel, outbound, cancellationToken).ConfigureAwait(false);
        if (muxer.IsFailure)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            return new Error(NetworkErrors.MuxerNegotiationFailed, muxer.Error.Message);
        }

        var session = _muxer.Start(channel, outbound, message => LogSession(channel.RemotePeer, message));
        var local = _listenAddresses.FirstOrDefault() ?? remoteAddress;
        var connection = new PeerConnection(channel.RemotePeer, remoteAddress.WithoutPeerId(), local, direction, session, _options.NegotiationTimeout);
        Register(connection);

        // Registered before this check, so a stop that began meanwhile either saw the connection and closes it, or is
        // seen here: a connection finishing its upgrade while the node stops never outlives the stop.
        if (_stopping.IsCancellationRequested)
        {
            await connection.CloseAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await connection.DisposeAsync().ConfigureAwait(false);
            return new Error(NetworkErrors.HostStopped, "the node is stopping");
        }

        return connection;
    }

    /// <summary>Says go-away on <paramref name="connection"/> (a failure to is logged), then frees it.</summary>
    private async Task CloseAsync(PeerConnection connection)
    {
        try
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            HostLog.CloseFailed(_logger, connection, e.Message);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private static Error BlockedError(PeerId peer) => new(NetworkErrors.PeerBlocked, $"peer {peer} is blocked on this node");

    /// <summary>
    /// Inlined muxer negotiation (libp2p connections/inlined-muxer-negotiation): both ends offered muxers in the Noise
    /// handshake, so the muxer is the first of the initiator's list both support and multistream is skipped (one round
    /// trip fewer). The initiator offers only when the responder offered yamux, so the initiator's list decides.
    /// Otherwise (e.g. a peer without the extension) the muxer is negotiated over multistream as usual.
    /// </summary>
    private async Task<Result<string>> NegotiateMuxerAsync(SecuredStream channel, bool outbound, CancellationToken cancellationToken)
    {
        var ours = _muxer.ProtocolId;
        var remote = channel.RemoteStreamMuxers;
        if (outbound && remote.Contains(ours))
        {
            return ours;
        }

        if (!outbound && remote.Count > 0)
        {
            return remote.Contains(ours)
                ? ours
                : new Error(NetworkErrors.MuxerInlined, $"peer offered only {string.Join(", ", remote)} in its noise handshake; we speak {ours}");
        }

        return outbound
            ? await Multistream.SelectAsync(channel, [ours], cancellationToken).ConfigureAwait(false)
            : await Multistream.AcceptAsync(channel, p => p == ours, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A normal go-away is how every connection ends and "disconnected …" already says so; only the unusual session
    /// events (violations, failures) are worth a line of their own.
    /// </summary>
    private void LogSession(PeerId peer, string message)
    {
        if (!message.Contains("(Normal)", StringComparison.Ordinal))
        {
            HostLog.SessionEvent(_logger, peer.ToString(), message);
        }
    }

    private void Register(PeerConnection connection)
    {
        _allConnections.TryAdd(connection, 0);
        _connections.AddOrUpdate(connection.RemotePeer, connection, (_, existing) => existing.IsOpen ? existing : connection);
        HostLog.Connected(_logger, connection);

        Connected?.Invoke(connection);
        Track(Task.Run(() => ServeStreamsAsync(connection), CancellationToken.None));
        _ = connection.Completion.ContinueWith(_ => Unregister(connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Unregister(PeerConnection connection)
    {
        if (!_allConnections.TryRemove(connection, out _))
        {
            return;
        }

        ReleaseConnectionSlot();
        _connections.TryRemove(new KeyValuePair<PeerId, PeerConnection>(connection.RemotePeer, connection));
        // Enumerated in place: Keys would copy every connection of the node on each disconnect.
        foreach (var (candidate, _) in _allConnections)
        {
            if (candidate.RemotePeer == connection.RemotePeer && candidate.IsOpen)
            {
                _connections.TryAdd(connection.RemotePeer, candidate);
                break;
            }
        }

        HostLog.Disconnected(_logger, connection, connection.CloseReason ?? "closed");

        Disconnected?.Invoke(connection);
    }

    private async Task AcceptLoopAsync(ITransportListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            (Stream Stream, Multiaddr RemoteAddress) accepted;
            try
            {
                accepted = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                HostLog.AcceptFailed(_logger, listener.LocalAddress.ToString(), e.Message);
                continue;
            }

            Track(Task.Run(() => HandleInboundAsync(accepted), CancellationToken.None));
        }
    }

    private async Task HandleInboundAsync((Stream Stream, Multiaddr RemoteAddress) accepted)
    {
        if (!TryReserveConnectionSlot())
        {
            HostLog.RefusedAtLimit(_logger, accepted.RemoteAddress.ToString(), _options.MaxConnections);
            await DisposeQuietly(accepted.Stream).ConfigureAwait(false);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.HandshakeTimeout);
        try
        {
            var upgraded = await UpgradeAsync(accepted.Stream, accepted.RemoteAddress, ConnectionDirection.Inbound, null, timeout.Token).ConfigureAwait(false);
            if (upgraded.IsFailure)
            {
                ReleaseConnectionSlot();
                HostLog.InboundClosed(_logger, accepted.RemoteAddress.ToString(), upgraded.Error.Message);
            }
        }
#pragma warning disable CA1031 // one bad peer must never take the listener down: log and drop its connection
        catch (Exception e)
#pragma warning restore CA1031
        {
            ReleaseConnectionSlot();
            HostLog.InboundClosed(_logger, accepted.RemoteAddress.ToString(), e.Message);
            await DisposeQuietly(accepted.Stream).ConfigureAwait(false);
        }
    }

    private async Task ServeStreamsAsync(PeerConnection connection)
    {
        while (true)
        {
            MuxedStream stream;
            try
            {
                stream = await connection.Session.AcceptStreamAsync(_stopping.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // the session ended (closed, reset, violation): its reason is on the connection
            catch (Exception)
#pragma warning restore CA1031
            {
                return;
            }

            Track(Task.Run(() => ServeStreamAsync(connection, stream), CancellationToken.None));
        }
    }

    private async Task ServeStreamAsync(PeerConnection connection, MuxedStream stream)
    {
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(_options.NegotiationTimeout);
                var chosen = await Multistream.AcceptAsync(stream, id => Protocols.TryGet(id, out _), timeout.Token).ConfigureAwait(false);
                if (chosen.IsFailure || !Protocols.TryGet(chosen.Value, out var handler))
                {
                    stream.Reset();
                    return;
                }

                var context = connection.Context;
                await handler(stream, context, _stopping.Token).ConfigureAwait(false);
                await CloseGracefullyAsync(stream).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a failing handler resets its stream; the connection and the node go on
            catch (Exception e)
#pragma warning restore CA1031
            {
                HostLog.StreamFailed(_logger, connection.RemotePeer.ToString(), e.Message);
                stream.Reset();
            }
        }
    }

    /// <summary>
    /// Ends a stream whose protocol is done: closes our write side, then waits (bounded) for the peer's end of stream
    /// before releasing it. Resetting straight away would discard data still in flight to the peer (js-libp2p then
    /// fails the answer it was reading), so a reset is only the fallback for a peer that never closes.
    /// </summary>
    private async Task CloseGracefullyAsync(Stream stream)
    {
        await using (stream.ConfigureAwait(false))
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            grace.CancelAfter(_options.NegotiationTimeout);
            var scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                if (stream is IHalfClosableStream halfClosable)
                {
                    await halfClosable.CloseWriteAsync().ConfigureAwait(false);
                }

                while (await stream.ReadAsync(scratch, grace.Token).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The peer reset or never closed its side: disposing resets the stream, which is all that is left to do.
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private IdentifyMessage IdentifyFor(ProtocolContext context)
    {
        var observed = Multiaddr.Parse(context.RemoteAddress ?? string.Empty);
        return new IdentifyMessage
        {
            PublicKey = _identity.PublicKey.ToProtobuf(),
            ListenAddrs = ListenAddresses.Select(a => a.WithoutPeerId().Bytes.ToArray()).ToList(),
            Protocols = Protocols.Ids.ToList(),
            ObservedAddr = observed.IsSuccess ? observed.Value.Bytes.ToArray() : null,
            ProtocolVersion = "ipfs/0.1.0",
            AgentVersion = _options.AgentVersion,
        };
    }

    private async Task SweepIdleConnectionsAsync()
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, Math.Min(_options.IdleTimeout.Ticks / 4, TimeSpan.FromSeconds(5).Ticks)));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var cutoff = DateTimeOffset.UtcNow - _options.IdleTimeout;
                foreach (var connection in _allConnections.Keys.Where(c => c.ActiveStreams == 0 && c.LastActivity < cutoff))
                {
                    HostLog.ClosingIdle(_logger, connection);
                    await connection.CloseAsync().ConfigureAwait(false);
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private bool TryReserveConnectionSlot()
    {
        if (Interlocked.Increment(ref _connectionCount) <= _options.MaxConnections)
        {
            return true;
        }

        Interlocked.Decrement(ref _connectionCount);
        return false;
    }

    private void ReleaseConnectionSlot() => Interlocked.Decrement(ref _connectionCount);

    private void Track(Task task)
    {
        lock (_background)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(task);
        }
    }

    private static async Task DisposeQuietly(Stream? stream)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
