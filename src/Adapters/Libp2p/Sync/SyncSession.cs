using System.Threading.Channels;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Common;
using Rapport.Libp2p.Muxing;
using Rapport.Protocol.Sharing.V1;
using VersionVector = Rapport.Domain.SharedRecords.VersionVector;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>
/// One <c>/rapport/sync/1.0.0</c> stream with one peer (protocol/sharing.md §6.2), the same on both ends: Hello
/// both ways; the customer pushes a newer grant first (the business sends and accepts no Delta before it); no
/// active grant ends the session with a fatal consent error; then each side sends what the other's vector lacks
/// and, live, every local change as it is committed, re-checking for a newer grant to push first. Every Delta is
/// answered with an Ack (after an EditRejected when writes were refused) or a non-fatal SyncError. A malformed
/// frame is answered with a fatal <c>PROTO_MALFORMED</c> and nothing from it is applied. Decisions about consent,
/// clocks and storage are the node's (<see cref="ISharedRecordSync"/>); this class only keeps the message order.
/// </summary>
public sealed class SyncSession
{
    private static readonly ProtoFrameCodec<SyncMessage> Codec = SyncFrame.Codec;

    private readonly ISharedRecordSync _sync;
    private readonly ISharedRecordChanges _changes;
    private readonly Stream _stream;
    private readonly SyncPeerState _state;
    private readonly SyncOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Channel<bool> _rounds = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource<Result<Unit>> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();

    private SyncOpening? _opening;
    private SyncHello? _peerHello;
    private VersionVector _peerVersions = VersionVector.Empty;
    private VersionVector _peerAcked = VersionVector.Empty;
    private long _peerGrantVersion;
    private bool _awaitingGrant;
    private ulong _nextSequence = 1;

    internal SyncSession(string remotePeerId, Stream stream, ISharedRecordSync sync, ISharedRecordChanges changes, SyncPeerState state, SyncOptions options, TimeProvider time)
    {
        RemotePeerId = remotePeerId;
        _stream = stream;
        _sync = sync;
        _changes = changes;
        _state = state;
        _options = options;
        _time = time;
    }

    public string RemotePeerId { get; }

    /// <summary>Completes when both Hellos crossed (success) or the session ended before that (the reason).</summary>
    public Task<Result<Unit>> Handshake => _handshake.Task;

    /// <summary>
    /// The session ended because its stream broke, ended early or went silent (not by a protocol or consent error,
    /// nor by <see cref="Stop"/>): worth opening again while the connection lasts.
    /// </summary>
    public bool Broke { get; private set; }

    /// <summary>Asks the session to send what the peer lacks now (as after a local change).</summary>
    public void RequestRound() => _rounds.Writer.TryWrite(true);

    /// <summary>Ends the session: the stream is closed (then reset if the peer does not close its side).</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>
    /// Runs the session until either side ends it, the stream breaks or <paramref name="cancellationToken"/> fires.
    /// <paramref name="opening"/> is our Hello when the caller already asked the node for it.
    /// </summary>
    public async Task RunAsync(SyncOpening? opening, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        _state.Live(true);
        try
        {
            if (await HandshakeAsync(opening, token).ConfigureAwait(false))
            {
                using var subscription = _changes.Subscribe(RemotePeerId, RequestRound);
                RequestRound();
                var sending = SendLoopAsync(linked);
                var reading = ReadLoopAsync(linked);
                await Task.WhenAny(sending, reading).ConfigureAwait(false);
                await linked.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(sending, reading).ConfigureAwait(false);
            }
        }
        finally
        {
            _handshake.TrySetResult(new Error(SyncSessionErrors.Disconnected, "the sync session ended before its handshake"));
            _state.Live(false);
            await CloseAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> HandshakeAsync(SyncOpening? opening, CancellationToken token)
    {
        try
        {
            if (opening is null)
            {
                var opened = await _sync.AnswerAsync(RemotePeerId, token).ConfigureAwait(false);
                if (opened.IsFailure)
                {
                    await RefuseAsync(opened.Error, 0, token).ConfigureAwait(false);
                    _handshake.TrySetResult(opened.Error);
                    return false;
                }

                opening = opened.Value;
            }

            _opening = opening;
            await SendAsync(new SyncMessage { Hello = SyncWire.ToHello(opening) }, token).ConfigureAwait(false);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(_options.HandshakeTimeout);
            Result<SyncMessage> first;
            try
            {
                first = await Codec.ReadAsync(_stream, timeout.Token).ConfigureAwait(false);
                TraceReceived(first);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                var late = new Error(SyncSessionErrors.Disconnected, $"no Hello within {_options.HandshakeTimeout.TotalSeconds:0.#} s");
                RecordBreak(late, fromPeer: false);
                _handshake.TrySetResult(late);
                return false;
            }

            var hello = first.Bind(ExpectHello);
            if (hello.IsFailure)
            {
                if (first.IsSuccess && first.Value.BodyCase == SyncMessage.BodyOneofCase.Error)
                {
                    var peer = first.Value.Error;
                    var refused = PeerCodes.Answered(peer.Code, peer.Message);
                    Record(refused, fromPeer: true, peer.Fatal);
                    _handshake.TrySetResult(refused);
                    return false;
                }

                if (first.IsFailure && first.Error.Code == WireErrors.StreamEnded)
                {
                    var ended = first.Error with { Code = SyncSessionErrors.Disconnected };
                    RecordBreak(ended, fromPeer: false);
                    _handshake.TrySetResult(ended);
                    return false;
                }

                await RefuseAsync(hello.Error, 0, token).ConfigureAwait(false);
                _handshake.TrySetResult(hello.Error);
                return false;
            }

            lock (_gate)
            {
                _peerHello = hello.Value;
                _peerVersions = _peerAcked = hello.Value.Versions;
                _peerGrantVersion = hello.Value.GrantVersion;
                _awaitingGrant = opening.Role == SharingRole.Business && hello.Value.GrantVersion > opening.GrantVersion;
            }

            _state.Handshake(opening.Role, _time.GetUtcNow());
            _handshake.TrySetResult(Result.Ok());
            return true;
        }
        catch (Exception e) when (IsStreamFailure(e, token))
        {
            Disconnected(e);
            return false;
        }
    }

    private static Result<SyncHello> ExpectHello(SyncMessage message) =>
        message.BodyCase == SyncMessage.BodyOneofCase.Hello
            ? SyncWire.FromWire(message.Hello)
            : new Error(WireErrors.Malformed, $"the first frame must be Hello, not {message.BodyCase}");

    private async Task SendLoopAsync(CancellationTokenSource session)
    {
        var token = session.Token;
        try
        {
            await foreach (var _ in _rounds.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                if (!await RoundAsync(token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (IsStreamFailure(e, token))
        {
            Disconnected(e);
        }
    }

    /// <summary>One §6.2 round: a newer grant first, then what the peer lacks. False when the session must end.</summary>
    private async Task<bool> RoundAsync(CancellationToken token)
    {
        var opening = _opening!;
        if (opening.Role == SharingRole.Customer)
        {
            long peerGrant;
            lock (_gate)
            {
                peerGrant = _peerGrantVersion;
            }

            var grant = await _sync.GrantToPushAsync(RemotePeerId, peerGrant, token).ConfigureAwait(false);
            if (grant is not null)
            {
                await SendAsync(new SyncMessage { Grant = ConsentWire.ToWire(grant) }, token).ConfigureAwait(false);
                lock (_gate)
                {
                    _peerGrantVersion = Math.Max(_peerGrantVersion, grant.Grant.Version);
                }

                _state.GrantPushed();
            }
        }

        VersionVector since;
        lock (_gate)
        {
            if (_awaitingGrant)
            {
                return true;
            }

            since = _peerVersions;
        }

        var delta = await _sync.DeltaSinceAsync(RemotePeerId, since, token).ConfigureAwait(false);
        if (delta.IsFailure)
        {
            await FatalAsync(delta.Error, 0, token).ConfigureAwait(false);
            return false;
        }

        if (delta.Value.IsEmpty && delta.Value.To.Count == 0)
        {
            return true;
        }

        IReadOnlyList<Delta> parts;
        lock (_gate)
        {
            parts = SyncWire.ToWireParts(delta.Value, _nextSequence);
            _nextSequence += (ulong)parts.Count;
        }

        foreach (var part in parts)
        {
            await SendAsync(new SyncMessage { Delta = part }, token).ConfigureAwait(false);
            _state.DeltaSent();
        }

        // Optimistic: the peer will hold this coverage once it applies the parts; a refusal rolls it back.
        lock (_gate)
        {
            _peerVersions = _peerVersions.Merge(delta.Value.To);
        }

        return true;
    }

    private async Task ReadLoopAsync(CancellationTokenSource session)
    {
        var token = session.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var received = await Codec.ReadAsync(_stream, token).ConfigureAwait(false);
                TraceReceived(received);
                if (received.IsFailure)
                {
                    if (received.Error.Code == WireErrors.StreamEnded)
                    {
                        // Stopped first: replaced by a newer session (both sides dialed, §6.2), whose status is the peer's now.
                        if (!_stop.IsCancellationRequested)
                        {
                            RecordBreak(new Error(SyncSessionErrors.Disconnected, "the peer closed the sync stream"), fromPeer: true);
                        }
                    }
                    else
                    {
                        // An announced length above 1 MiB keeps its own code (sharing.md §7).
                        var code = received.Error.Code == WireErrors.FrameTooLarge ? WireErrors.FrameTooLarge : WireErrors.Malformed;
                        await RefuseAsync(received.Error with { Code = code }, 0, token).ConfigureAwait(false);
                    }

                    return;
                }

                if (!await HandleAsync(received.Value, token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (IsStreamFailure(e, token))
        {
            Disconnected(e);
        }
    }

    /// <summary>Handles one frame after the handshake; false when the session must end.</summary>
    private async Task<bool> HandleAsync(SyncMessage message, CancellationToken token)
    {
        switch (message.BodyCase)
        {
            case SyncMessage.BodyOneofCase.Grant:
                return await ReceiveGrantAsync(message.Grant, token).ConfigureAwait(false);

            case SyncMessage.BodyOneofCase.Delta:
                return await ReceiveDeltaAsync(message.Delta, token).ConfigureAwait(false);

            case SyncMessage.BodyOneofCase.Ack:
                {
                    var ack = SyncWire.FromWire(message.Ack);
                    if (ack.IsFailure)
                    {
                        await RefuseAsync(ack.Error, 0, token).ConfigureAwait(false);
                        return false;
                    }

                    lock (_gate)
                    {
                        _peerAcked = ack.Value.Versions;
                        _peerVersions = _peerVersions.Merge(ack.Value.Versions);
                    }

                    return true;
                }

            case SyncMessage.BodyOneofCase.EditRejected:
                {
                    var rejected = message.EditRejected;
                    var keys = string.Join(", ", rejected.FieldKeys.Take(16));
                    Record(new Error(string.IsNullOrEmpty(rejected.Code) ? SyncErrors.EditNotGranted : PeerCodes.Of(rejected.Code), $"delta {rejected.Sequence}: the peer refused writes of {keys}"), fromPeer: true, fatal: false);
                    return true;
                }

            case SyncMessage.BodyOneofCase.Error:
                {
                    var error = message.Error;
                    Record(PeerCodes.Answered(error.Code, error.Message), fromPeer: true, error.Fatal);
                    if (error.Fatal)
                    {
                        return false;
                    }

                    if (error.Sequence != 0)
                    {
                        // The peer refused one of our deltas: it still lacks what that delta covered.
                        lock (_gate)
                        {
                            _peerVersions = _peerAcked;
                        }
                    }

                    return true;
                }

            case SyncMessage.BodyOneofCase.Hello:
                await RefuseAsync(new Error(WireErrors.Malformed, "a second Hello on the stream"), 0, token).ConfigureAwait(false);
                return false;

            default:
                // A oneof case from a newer minor version (sharing.md §3): answered, not fatal.
                await _sync.RefusedAsync(RemotePeerId, new Error(WireErrors.Unsupported, "unknown sync message kind"), token).ConfigureAwait(false);
                await SendAsync(new SyncMessage { Error = new SyncError { Code = WireErrors.Unsupported.Value, Message = "unknown sync message kind" } }, token).ConfigureAwait(false);
                return true;
        }
    }

    private async Task<bool> ReceiveGrantAsync(Rapport.Protocol.Sharing.V1.SignedConsentGrant wire, CancellationToken token)
    {
        if (_opening!.Role != SharingRole.Business)
        {
            await RefuseAsync(new Error(WireErrors.Malformed, "only the customer sends grants on a sync stream"), 0, token).ConfigureAwait(false);
            return false;
        }

        var grant = ConsentWire.FromWire(wire);
        if (grant.IsFailure)
        {
            await RefuseAsync(grant.Error, 0, token).ConfigureAwait(false);
            return false;
        }

        // The customer's own entry of its Hello bounds the purge watermark (sharing.md §6.5).
        var customerClock = _peerHello!.Versions.Get(RemotePeerId);
        var accepted = await _sync.ReceiveGrantAsync(RemotePeerId, grant.Value, customerClock, token).ConfigureAwait(false);
        if (accepted.IsFailure)
        {
            await FatalAsync(accepted.Error, 0, token).ConfigureAwait(false);
            return false;
        }

        lock (_gate)
        {
            _awaitingGrant = false;
        }

        // Our own sending resumes (or, after a revocation, ends with the consent error).
        RequestRound();
        return true;
    }

    private async Task<bool> ReceiveDeltaAsync(Delta wire, CancellationToken token)
    {
        bool awaiting;
        lock (_gate)
        {
            awaiting = _awaitingGrant;
        }

        if (awaiting)
        {
            await RefuseAsync(new Error(WireErrors.Malformed, "a Delta before the newer grant the customer's Hello announced"), wire.Sequence, token).ConfigureAwait(false);
            return false;
        }

        _state.DeltaReceived();
        var delta = SyncWire.FromWire(wire);
        if (delta.IsFailure)
        {
            // Refused before the node saw it; the node audits its own refusals of deltas that decode.
            await _sync.RefusedAsync(RemotePeerId, delta.Error, token).ConfigureAwait(false);
        }

        var applied = delta.IsFailure
            ? delta.Error
            : await _sync.ApplyAsync(RemotePeerId, delta.Value, token).ConfigureAwait(false);
        if (applied.IsFailure)
        {
            if (IsConsentRefusal(applied.Error))
            {
                await FatalAsync(applied.Error, wire.Sequence, token).ConfigureAwait(false);
                return false;
            }

            Record(applied.Error, fromPeer: false, fatal: false);
            await SendAsync(ErrorMessage(applied.Error, wire.Sequence, fatal: false), token).ConfigureAwait(false);
            return true;
        }

        lock (_gate)
        {
            // The sender holds everything its delta covers: no need to send that back.
            _peerVersions = _peerVersions.Merge(delta.Value.To);
        }

        if (applied.Value.RejectedFields.Count > 0)
        {
            var rejected = new EditRejected { Sequence = wire.Sequence, Code = SyncErrors.EditNotGranted.Value };
            rejected.FieldKeys.AddRange(applied.Value.RejectedFields);
            await SendAsync(new SyncMessage { EditRejected = rejected }, token).ConfigureAwait(false);
        }

        await SendAsync(new SyncMessage { Ack = SyncWire.ToAck(wire.Sequence, applied.Value.Versions) }, token).ConfigureAwait(false);
        return true;
    }

    /// <summary>No active consent, or no relationship at all: a refusal that ends the session rather than one delta.</summary>
    private static bool IsConsentRefusal(Error error) =>
        error.Kind == ErrorKind.ConsentDenied || error.Code == SyncErrors.NoRelationship;

    /// <summary>A frame the session itself refused (the node never saw it): audited by the node, then fatal.</summary>
    private async Task RefuseAsync(Error error, ulong sequence, CancellationToken token)
    {
        await _sync.RefusedAsync(RemotePeerId, error, token).ConfigureAwait(false);
        await FatalAsync(error, sequence, token).ConfigureAwait(false);
    }

    /// <summary>Sends a fatal SyncError (best effort) and ends the session; the stream is reset on close.</summary>
    private async Task FatalAsync(Error error, ulong sequence, CancellationToken token)
    {
        Record(error, fromPeer: false, fatal: true);
        try
        {
            await SendAsync(ErrorMessage(error, sequence, fatal: true), token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStreamFailure(e, token))
        {
            // The peer may be gone already; the stream is reset next either way.
        }

        await _stop.CancelAsync().ConfigureAwait(false);
    }

    private static SyncMessage ErrorMessage(Error error, ulong sequence, bool fatal) =>
        new() { Error = new SyncError { Code = error.Code.Value, Message = error.Message, Sequence = sequence, Fatal = fatal } };

    private async Task SendAsync(SyncMessage message, CancellationToken token)
    {
        await _writeLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            await Codec.WriteAsync(_stream, message, token).ConfigureAwait(false);
            _options.Trace?.Invoke(RemotePeerId, true, message);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Closes our side, lets the peer read what is in flight and close its side (bounded), then resets: a reset
    /// straight away could discard a final SyncError before the peer reads it.
    /// </summary>
    private async Task CloseAsync()
    {
        if (_stream is not IHalfClosableStream halfClosable)
        {
            return;
        }

        try
        {
            await halfClosable.CloseWriteAsync().ConfigureAwait(false);
            using var grace = new CancellationTokenSource(_options.CloseGrace);
            var sink = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                while (await _stream.ReadAsync(sink, grace.Token).ConfigureAwait(false) > 0)
                {
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(sink);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Broken or slow to close: the reset below ends it either way.
        }

        // Both sides closed: a no-op. Otherwise (a fatal error, a peer that keeps its side open) this ends it.
        (_stream as MuxedStream)?.Reset();
    }

    private void TraceReceived(Result<SyncMessage> received)
    {
        if (received.IsSuccess)
        {
            _options.Trace?.Invoke(RemotePeerId, false, received.Value);
        }
    }

    private void Record(Error error, bool fromPeer, bool fatal) =>
        _state.Fault(new SyncFault(error.Code.Value, error.Message, fromPeer, fatal, _time.GetUtcNow()));

    /// <summary>Records a break this node saw itself (not a peer's SyncError, whatever its code).</summary>
    private void RecordBreak(Error error, bool fromPeer)
    {
        Broke = true;
        Record(error, fromPeer, fatal: true);
    }

    private void Disconnected(Exception e)
    {
        if (!_stop.IsCancellationRequested && e is not OperationCanceledException)
        {
            RecordBreak(new Error(SyncSessionErrors.Disconnected, $"the sync stream broke: {e.Message}"), fromPeer: false);
        }
    }

    private static bool IsStreamFailure(Exception e, CancellationToken token) =>
        e is IOException or ObjectDisposedException || (e is OperationCanceledException && token.IsCancellationRequested);
}
