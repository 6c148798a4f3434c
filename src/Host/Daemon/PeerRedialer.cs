using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Rapport.Application.Peers;
using Rapport.Application.Peers.Delivery;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Daemon;

/// <summary>
/// Keeps this node in touch with the peers it knows: one loop per peer, started on start-up, after a disconnect and
/// whenever a grant could not be delivered. A loop reaches the peer (re-dialing its known addresses), delivers any
/// grant or revocation the business has not confirmed yet, and retries with <see cref="RedialBackoff"/> until both
/// succeed or the node stops. Every attempt is logged.
/// </summary>
public sealed class PeerRedialer(
    Libp2pHost host, PeerDirectory directory, PeerConnector connector, DeliverPendingGrants deliveries, SyncOnChange syncs, ILogger<PeerRedialer> logger)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PeerLoop> _loops = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>Starts a loop for every peer in the address book.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var peer in await directory.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            Kick(peer.PeerId);
        }
    }

    /// <summary>Makes sure the peer's loop runs now (waking it from a backoff wait).</summary>
    public void Kick(string peerId)
    {
        if (_stopping.IsCancellationRequested || peerId == host.PeerId.ToString())
        {
            return;
        }

        while (true)
        {
            var loop = _loops.GetOrAdd(peerId, id => new PeerLoop(id, running: false));
            if (loop.TryWake())
            {
                return;
            }

            // The loop had finished: start a fresh one (unless another thread already did).
            var fresh = new PeerLoop(peerId, running: true);
            if (_loops.TryUpdate(peerId, fresh, loop))
            {
                fresh.Run = Task.Run(() => RunAsync(fresh));
                return;
            }
        }
    }

    private async Task RunAsync(PeerLoop loop)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Peer"] = loop.PeerId });
        var stopping = _stopping.Token;
        var failures = 0;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                loop.BeginAttempt();
                var outcome = await AttemptAsync(loop.PeerId, failures, stopping).ConfigureAwait(false);
                if (outcome == Attempt.Done || outcome == Attempt.NothingToDo)
                {
                    if (loop.TryFinish())
                    {
                        return;
                    }

                    failures = 0;
                    continue;
                }

                var delay = RedialBackoff.Delay(failures, Random.Shared.NextDouble());
                failures++;
                DaemonLog.NextAttempt(logger, loop.PeerId, delay.TotalSeconds);
                await loop.WaitAsync(delay, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The node is stopping.
        }
#pragma warning disable CA1031 // a failing background loop is logged and retried later, never allowed to crash the node
        catch (Exception e)
#pragma warning restore CA1031
        {
            DaemonLog.RedialFailed(logger, loop.PeerId, e);
            loop.TryFinish();
        }
    }

    private enum Attempt
    {
        NothingToDo,
        Done,
        Failed,
    }

    private async Task<Attempt> AttemptAsync(string peerId, int failures, CancellationToken stopping)
    {
        var pending = await deliveries.PendingAsync(peerId, stopping).ConfigureAwait(false);
        var parsed = PeerId.Parse(peerId);
        var connected = parsed.IsSuccess && host.TryGetConnection(parsed.Value, out _);
        if (!connected)
        {
            var known = await directory.FindAsync(peerId, stopping).ConfigureAwait(false);
            if (known is null || known.Addresses.Count == 0)
            {
                if (pending.Count > 0)
                {
                    DaemonLog.NoAddressToRedial(logger, peerId, pending.Count);
                }

                return Attempt.NothingToDo;
            }

            DaemonLog.Redialing(logger, peerId, failures + 1);
            var reached = await connector.EnsureAsync(peerId, stopping).ConfigureAwait(false);
            if (reached.IsFailure)
            {
                DaemonLog.Unreachable(logger, peerId, reached.Error.Message);
                return Attempt.Failed;
            }

            DaemonLog.Redialed(logger, peerId);
        }

        if (pending.Count == 0)
        {
            return Attempt.NothingToDo;
        }

        var outcomes = await deliveries.ExecuteAsync(peerId, stopping).ConfigureAwait(false);
        foreach (var outcome in outcomes)
        {
            if (outcome.Delivered)
            {
                DaemonLog.Delivered(logger, outcome.Grant.Grant.Version, peerId);
            }
            else
            {
                DaemonLog.NotDelivered(logger, outcome.Grant.Grant.Version, peerId, outcome.Error!.Message);
            }
        }

        if (outcomes.Any(o => o.Delivered))
        {
            syncs.SyncSoon(peerId);
        }

        return outcomes.All(o => o.Delivered) ? Attempt.Done : Attempt.Failed;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var loop in _loops.Values)
        {
            if (loop.Run is { } run)
            {
                await run.ConfigureAwait(false);
            }
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// The state of one peer's loop. A kick that arrives while an attempt runs makes the loop go round once more,
    /// so no kick is lost between "nothing left to do" and the loop ending.
    /// </summary>
    private sealed class PeerLoop(string peerId, bool running)
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _finished = !running;
        private bool _kicked;

        public string PeerId { get; } = peerId;

        public Task? Run { get; set; }

        /// <summary>False when the loop has finished (or never started) and must be replaced by a fresh one.</summary>
        public bool TryWake()
        {
            lock (_gate)
            {
                if (_finished)
                {
                    return false;
                }

                _kicked = true;
                _wake.TrySetResult();
                return true;
            }
        }

        public void BeginAttempt()
        {
            lock (_gate)
            {
                _finished = false;
                _kicked = false;
                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }

        /// <summary>Ends the loop unless it was kicked during the attempt.</summary>
        public bool TryFinish()
        {
            lock (_gate)
            {
                if (_kicked)
                {
                    return false;
                }

                _finished = true;
                return true;
            }
        }

        public async Task WaitAsync(TimeSpan delay, CancellationToken stopping)
        {
            Task wake;
            lock (_gate)
            {
                wake = _wake.Task;
            }

            await Task.WhenAny(Task.Delay(delay, stopping), wake).ConfigureAwait(false);
            stopping.ThrowIfCancellationRequested();
        }
    }
}
