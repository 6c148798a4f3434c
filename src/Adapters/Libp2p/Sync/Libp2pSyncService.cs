using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Common;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Muxing;
using Rapport.Libp2p.Network;
using Rapport.Libp2p.Protocols;

namespace Rapport.Adapters.Libp2p.Sync;

/// <summary>
/// Runs <c>/rapport/sync/1.0.0</c> on a <see cref="Libp2pHost"/>: serves inbound sync streams, opens one when a
/// connection to a peer we share a record with comes up (only the side whose peer id text sorts first, ordinal,
/// dials, so a pair gets one session), keeps at most one live session per peer, and ends it with the connection.
/// Per-peer <see cref="SyncSessionStatus"/> outlives sessions, for the CLI.
/// </summary>
public sealed class Libp2pSyncService : IAsyncDisposable
{
    public const string ProtocolId = "/rapport/sync/1.0.0";
    private static readonly TimeSpan SuccessorPoll = TimeSpan.FromMilliseconds(20);

    private readonly Libp2pHost _host;
    private readonly ISharedRecordSync _sync;
    private readonly ISharedRecordChanges _changes;
    private readonly SyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SyncPeerState> _peers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Live> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<Result<Unit>>> _openings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _resuming = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    // Read once: work started after DisposeAsync (a late change notification) must see "stopped", not a disposed source.
    private readonly CancellationToken _stoppingToken;
    private int _started;
    private int _disposed;

    public Libp2pSyncService(Libp2pHost host, ISharedRecordSync sync, ISharedRecordChanges changes, SyncOptions? options = null, TimeProvider? time = null, ILogger<Libp2pSyncService>? logger = null)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _sync = sync ?? throw new ArgumentNullException(nameof(sync));
        _changes = changes ?? throw new ArgumentNullException(nameof(changes));
        _options = options ?? new SyncOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<Libp2pSyncService>.Instance;
        _stoppingToken = _stopping.Token;
    }

    /// <summary>Raised (on the session's thread) whenever a peer's status changes.</summary>
    public event Action<SyncSessionStatus>? StatusChanged;

    /// <summary>Every peer a session ran with since start, live or not, by peer id.</summary>
    public IReadOnlyList<SyncSessionStatus> Statuses =>
        [.. _peers.Values.Select(p => p.Snapshot).OrderBy(s => s.PeerId, StringComparer.Ordinal)];

    public SyncSessionStatus? StatusOf(string peerId) => _peers.TryGetValue(peerId, out var state) ? state.Snapshot : null;

    /// <summary>Serves the protocol and syncs on every new connection from now on.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _host.Protocols.Register(ProtocolId, HandleInboundAsync);
        _host.Connected += OnConnected;
    }

    /// <summary>
    /// Syncs with a connected peer now: a live session is asked for a round; otherwise a session is opened on the
    /// existing connection. Succeeds once both Hellos crossed; fails with the node's or the peer's reason
    /// (e.g. <c>SYNC_NO_RELATIONSHIP</c>, a consent code, <c>SYNC_UNREACHABLE</c>).
    /// </summary>
    public async Task<Result<Unit>> SyncWithAsync(string peerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peerId);
        if (Joinable(peerId) is { } live)
        {
            live.RequestRound();
            var joined = await HandshakeOfAsync(peerId, live, cancellationToken).ConfigureAwait(false);

            // A session that ended before its handshake (the other side's opening crossed it, §6.2) and left no
            // successor is no answer to "sync now": open one.
            if (joined.IsSuccess || joined.Error.Code != SyncSessionErrors.Disconnected)
            {
                return joined;
            }
        }

        return await OpeningWith(peerId).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one opening in flight towards <paramref name="peerId"/>, started if there is none. Callers join it rather
    /// than open a stream each: two streams opened by one side may reach the peer in the other order, and the
    /// "newer session replaces the older" rule would then leave each end holding a different one.
    /// </summary>
    private Task<Result<Unit>> OpeningWith(string peerId)
    {
        while (true)
        {
            if (_stoppingToken.IsCancellationRequested)
            {
                return Task.FromResult<Result<Unit>>(new Error(SyncSessionErrors.Unreachable, "the sync service is stopped"));
            }

            if (_openings.TryGetValue(peerId, out var running))
            {
                return running;
            }

            var opening = new TaskCompletionSource<Result<Unit>>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_openings.TryAdd(peerId, opening.Task))
            {
                Track(RunOpeningAsync(peerId, opening));
                return opening.Task;
            }
        }
    }

    private async Task RunOpeningAsync(string peerId, TaskCompletionSource<Result<Unit>> opening)
    {
        // An async method: whatever goes wrong ends up in the task, never thrown here.
        var attempt = OpenAsync(peerId, _stoppingToken);
        try
        {
            await attempt.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the attempt's outcome, failure included, goes to every caller waiting on it
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        // Forget the opening before answering, so a caller who retries on the answer starts a fresh one.
        _openings.TryRemove(new KeyValuePair<string, Task<Result<Unit>>>(peerId, opening.Task));
        opening.SetFromTask(attempt);
    }

    /// <summary>How many connections an opening tries when the one it asked closes under it.</summary>
    private const int MaxStreamAttempts = 3;

    private async Task<Result<Unit>> OpenAsync(string peerId, CancellationToken cancellationToken)
    {
        if (Joinable(peerId) is { } live)
        {
            live.RequestRound();
            return await HandshakeOfAsync(peerId, live, cancellationToken).ConfigureAwait(false);
        }

        var peer = PeerId.Parse(peerId);
        if (peer.IsFailure)
        {
            return new Error(SyncSessionErrors.Unreachable, $"'{peerId}' is not a peer id: {peer.Error.Message}");
        }

        if (!_host.TryGetConnection(peer.Value, out var connection))
        {
            return new Error(SyncSessionErrors.Unreachable, $"not connected to {peerId}");
        }

        var opening = await _sync.OpenAsync(peerId, cancellationToken).ConfigureAwait(false);
        if (opening.IsFailure)
        {
            return opening.Error;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stoppingToken);
        timeout.CancelAfter(_options.HandshakeTimeout);
        Rapport.Libp2p.Result<NegotiatedStream> opened;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                opened = await connection.OpenStreamAsync(ProtocolId, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new Error(SyncSessionErrors.Unreachable, $"{peerId} did not open a sync stream in time");
            }

            // Two connections to one peer (both sides dialed at once) are cut down to one: a stream asked of the one
            // that closed is asked again of the one that stays.
            if (opened.IsSuccess || attempt == MaxStreamAttempts || !_host.TryGetConnection(peer.Value, out var current) || ReferenceEquals(current, connection))
            {
                break;
            }

            connection = current;
        }

        if (opened.IsFailure)
        {
            var unreachable = new Error(SyncSessionErrors.Unreachable, $"cannot open {ProtocolId} to {peerId}: {opened.Error.Message}");
            return await SuccessorOrAsync(peerId, null, unreachable, cancellationToken).ConfigureAwait(false);
        }

        var stream = opened.Value.Stream;
        var session = NewSession(peerId, stream);
        if (!Adopt(session, outbound: true))
        {
            (stream as MuxedStream)?.Reset();
            await stream.DisposeAsync().ConfigureAwait(false);
            return await SuccessorOrAsync(peerId, session, new Error(SyncSessionErrors.Disconnected, "the peer's own sync session took precedence"), cancellationToken).ConfigureAwait(false);
        }

        Track(RunOutboundAsync(session, stream, opening.Value, connection));
        return await HandshakeOfAsync(peerId, session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The live session with <paramref name="peerId"/>, unless its handshake already failed (it is on its way out).</summary>
    private SyncSession? Joinable(string peerId) =>
        _live.TryGetValue(peerId, out var live) && !(live.Session.Handshake.IsCompleted && live.Session.Handshake.Result.IsFailure)
            ? live.Session
            : null;

    /// <summary>The session's handshake; should the session be replaced before it, the handshake of its successor.</summary>
    private async Task<Result<Unit>> HandshakeOfAsync(string peerId, SyncSession session, CancellationToken cancellationToken)
    {
        var handshake = await session.Handshake.WaitAsync(cancellationToken).ConfigureAwait(false);
        return handshake.IsSuccess || handshake.Error.Code != SyncSessionErrors.Disconnected
            ? handshake
            : await SuccessorOrAsync(peerId, session, handshake.Error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Both sides dialed at once and ours gave way (refused, or replaced before its handshake): the session dialed by
    /// the peer whose id sorts first is the one to wait for, and it may still be on its way.
    /// </summary>
    private async Task<Result<Unit>> SuccessorOrAsync(string peerId, SyncSession? ours, Error failure, CancellationToken cancellationToken)
    {
        var peerDials = !LocalDials(peerId);
        var deadline = _time.GetUtcNow() + _options.HandshakeTimeout;
        while (true)
        {
            if (_live.TryGetValue(peerId, out var successor) && successor.Session != ours)
            {
                var handshake = await successor.Session.Handshake.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (handshake.IsSuccess || handshake.Error.Code != SyncSessionErrors.Disconnected)
                {
                    return handshake;
                }

                (ours, failure) = (successor.Session, handshake.Error);
                continue;
            }

            if (!peerDials || _time.GetUtcNow() >= deadline)
            {
                return failure;
            }

            await Task.Delay(SuccessorPoll, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _host.Connected -= OnConnected;
        _host.Protocols.Unregister(ProtocolId);
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var live in _live.Values)
        {
            live.Session.Stop();
        }

        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void OnConnected(PeerConnection connection)
    {
        var remote = connection.RemotePeer.ToString();
        if (!LocalDials(remote))
        {
            return;
        }

        Track(Task.Run(
            async () =>
            {
                try
                {
                    var synced = await SyncWithAsync(remote, _stoppingToken).ConfigureAwait(false);
                    if (synced.IsFailure && synced.Error.Code != Rapport.Application.SharedRecords.SyncErrors.NoRelationship)
                    {
                        SyncLog.SyncRefused(_logger, remote, synced.Error.Code.Value, synced.Error.Message);
                    }
                }
                catch (OperationCanceledException) when (_stoppingToken.IsCancellationRequested)
                {
                    // The service is stopping.
                }
#pragma warning disable CA1031 // a failed automatic sync is logged; the connection and the node go on
                catch (Exception e)
#pragma warning restore CA1031
                {
                    SyncLog.SyncFailed(_logger, remote, e.Message);
                    StateOf(remote).Fault(new SyncFault(SyncSessionErrors.Failed.Value, e.Message, FromPeer: false, Fatal: true, _time.GetUtcNow()));
                }
            },
            CancellationToken.None));
    }

    private async Task HandleInboundAsync(Stream stream, ProtocolContext context, CancellationToken ct)
    {
        var session = NewSession(context.RemotePeerId, stream);
        if (!Adopt(session, outbound: false))
        {
            (stream as MuxedStream)?.Reset();
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stoppingToken);
        await RunAsync(session, null, ConnectionOf(context.RemotePeerId), linked.Token).ConfigureAwait(false);
    }

    private async Task RunOutboundAsync(SyncSession session, Stream stream, SyncOpening opening, PeerConnection connection)
    {
        await using (stream.ConfigureAwait(false))
        {
            await RunAsync(session, opening, connection, _stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(SyncSession session, SyncOpening? opening, PeerConnection? connection, CancellationToken ct)
    {
        // The session ends with the connection it runs on.
        _ = connection?.Completion.ContinueWith(_ => session.Stop(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        SyncLog.SessionStarted(_logger, session.RemotePeerId, opening is null ? "inbound" : "outbound");
        try
        {
            await session.RunAsync(opening, ct).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a failing session ends; the node and the other sessions go on
        catch (Exception e)
#pragma warning restore CA1031
        {
            SyncLog.SyncFailed(_logger, session.RemotePeerId, e.Message);
            StateOf(session.RemotePeerId).Fault(new SyncFault(SyncSessionErrors.Failed.Value, e.Message, FromPeer: false, Fatal: true, _time.GetUtcNow()));
        }
        finally
        {
            SyncLog.SessionEnded(_logger, session.RemotePeerId, session.Broke ? "its stream broke" : "closed");
            if (_live.TryGetValue(session.RemotePeerId, out var current) && current.Session == session
                && _live.TryRemove(new KeyValuePair<string, Live>(session.RemotePeerId, current)) && session.Broke && connection is not null)
            {
                ResumeLater(session.RemotePeerId);
            }
        }
    }

    /// <summary>
    /// A live session broke while its connection may still be up: the dialing side opens a new one after a backoff,
    /// so writes made in between are exchanged without waiting for the next change or reconnect. One resumer per
    /// peer; a break reported while it runs makes it go round once more rather than being lost.
    /// </summary>
    private void ResumeLater(string peerId)
    {
        if (!_stoppingToken.IsCancellationRequested && LocalDials(peerId) && _resuming.AddOrUpdate(peerId, 1, (_, breaks) => breaks + 1) == 1)
        {
            Track(ResumeAsync(peerId));
        }
    }

    private async Task ResumeAsync(string peerId)
    {
        while (true)
        {
            var breaks = _resuming[peerId];
            await ResumeOnceAsync(peerId).ConfigureAwait(false);
            if (_resuming.TryRemove(new KeyValuePair<string, int>(peerId, breaks)))
            {
                return;
            }
        }
    }

    private async Task ResumeOnceAsync(string peerId)
    {
        try
        {
            for (var failures = 0; ; failures++)
            {
                await Task.Delay(_options.ResumeBackoff(failures), _time, _stoppingToken).ConfigureAwait(false);
                if (ConnectionOf(peerId) is not { Completion.IsCompleted: false } || _live.ContainsKey(peerId))
                {
                    return;
                }

                Result<Unit> resumed;
                try
                {
                    resumed = await SyncWithAsync(peerId, _stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // e.g. the store is busy: worth another try after the backoff, like a broken stream
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    SyncLog.NotResumedYet(_logger, peerId, e.Message);
                    continue;
                }

                if (resumed.IsSuccess)
                {
                    SyncLog.Resumed(_logger, peerId);
                    return;
                }

                if (resumed.Error.Code != SyncSessionErrors.Disconnected && resumed.Error.Code != SyncSessionErrors.Unreachable)
                {
                    SyncLog.NotResumed(_logger, peerId, resumed.Error.Code.Value, resumed.Error.Message);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stoppingToken.IsCancellationRequested)
        {
            // The service is stopping.
        }
    }

    private bool LocalDials(string peerId) => string.CompareOrdinal(_host.PeerId.ToString(), peerId) < 0;

    private SyncSession NewSession(string peerId, Stream stream) =>
        new(peerId, stream, _sync, _changes, StateOf(peerId), _options, _time);

    private SyncPeerState StateOf(string peerId) => _peers.GetOrAdd(peerId, id => new SyncPeerState(id, s => StatusChanged?.Invoke(s)));

    /// <summary>
    /// Makes <paramref name="session"/> the peer's live one. Should both sides dial at once, the session dialed by
    /// the peer whose id sorts first wins on both ends; any other new session replaces the old one (the peer
    /// opened it because it no longer uses the old stream, e.g. after a reconnect).
    /// </summary>
    private bool Adopt(SyncSession session, bool outbound)
    {
        var localDials = LocalDials(session.RemotePeerId);
        while (true)
        {
            if (_live.TryGetValue(session.RemotePeerId, out var existing))
            {
                if (existing.Outbound == localDials && existing.Outbound != outbound)
                {
                    return false;
                }

                if (!_live.TryUpdate(session.RemotePeerId, new Live(session, outbound), existing))
                {
                    continue;
                }

                existing.Session.Stop();
                return true;
            }

            if (_live.TryAdd(session.RemotePeerId, new Live(session, outbound)))
            {
                return true;
            }
        }
    }

    private PeerConnection? ConnectionOf(string peerId) =>
        PeerId.Parse(peerId) is { IsSuccess: true } peer && _host.TryGetConnection(peer.Value, out var connection) ? connection : null;

    private void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private sealed record Live(SyncSession Session, bool Outbound);
}
