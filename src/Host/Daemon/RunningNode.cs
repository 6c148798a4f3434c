using Rapport.Adapters.Libp2p.Addressing;
using Rapport.Adapters.Libp2p.Network;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Domain.Common;
using Rapport.Host.Cli.Node;
using Rapport.Host.Composition;
using Rapport.Host.Control;

namespace Rapport.Host.Daemon;

/// <summary>
/// A started node of one data dir: the data-dir lock, the store, the libp2p host listening, the daemon (consent and
/// sync protocols, re-dial loops) and the control socket. `rapport run` and `rapport demo` start nodes this way.
/// Disposing stops everything in reverse order and releases the lock.
/// </summary>
public sealed class RunningNode : IAsyncDisposable
{
    private readonly DaemonLock _lock;
    private readonly ControlServer? _control;

    private RunningNode(DaemonLock daemonLock, NodeDaemon node, IReadOnlyList<Multiaddr> addresses, ControlServer? control, string? controlProblem)
    {
        _lock = daemonLock;
        Node = node;
        Addresses = addresses;
        _control = control;
        ControlProblem = controlProblem;
    }

    public NodeDaemon Node { get; }

    /// <summary>Where peers can dial this node, each ending in <c>/p2p/&lt;peer id&gt;</c>.</summary>
    public IReadOnlyList<Multiaddr> Addresses { get; }

    /// <summary>Why no control socket could be opened (the node still serves its peers), or null.</summary>
    public string? ControlProblem { get; }

    public static async Task<Result<RunningNode>> StartAsync(DataDirectory data, IReadOnlyList<Multiaddr> listen, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(log);
        var identity = NodeIdentityFile.Load(data);
        if (identity.IsFailure)
        {
            return identity.Error;
        }

        var acquired = DaemonLock.Acquire(data);
        if (acquired.IsFailure)
        {
            return acquired.Error;
        }

        var daemonLock = acquired.Value;
        Libp2pHost? host = null;
        NodeDaemon? node = null;
        try
        {
            var services = await NodeServices.OpenAsync(data, cancellationToken).ConfigureAwait(false);
            foreach (var report in services.Reports.Concat(data.LooseModes()))
            {
                log(report);
            }

            host = new Libp2pHost(identity.Value, new Libp2pOptions(), message => log($"[p2p] {message}"));
            node = new NodeDaemon(services, host, new Ed25519GrantSigner(identity.Value), log);
            var listening = await host.ListenAsync(listen, cancellationToken).ConfigureAwait(false);
            if (listening.IsFailure)
            {
                await DisposeAsync(node, host, daemonLock).ConfigureAwait(false);
                return listening.Error;
            }

            var addresses = listening.Value.SelectMany(ListenAddresses.Dialable).Select(a => a.With(host.PeerId)).ToList();
            ControlServer? control = null;
            string? problem = null;
            try
            {
                control = ControlServer.Start(data.SocketPath, new ControlCommands(node).HandleAsync, log);
            }
            catch (Exception e) when (e is ArgumentOutOfRangeException or System.Net.Sockets.SocketException)
            {
                // A Unix socket path is limited to about 100 bytes; the node still serves its peers and partners.
                problem = $"no control socket at {data.SocketPath} ({e.Message}); CLI commands that need this node cannot reach it. Use a shorter --data path.";
                log($"warning: {problem}");
            }

            await node.StartAsync(cancellationToken).ConfigureAwait(false);
            return new RunningNode(daemonLock, node, addresses, control, problem);
        }
        catch
        {
            await DisposeAsync(node, host, daemonLock).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_control is not null)
        {
            await _control.DisposeAsync().ConfigureAwait(false);
        }

        await DisposeAsync(Node, Node.Host, _lock).ConfigureAwait(false);
    }

    private static async Task DisposeAsync(NodeDaemon? node, Libp2pHost? host, DaemonLock daemonLock)
    {
        if (node is not null)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }

        if (host is not null)
        {
            await host.StopAsync().ConfigureAwait(false);
            await host.DisposeAsync().ConfigureAwait(false);
        }

        if (node is not null)
        {
            // Last, once nothing can write any more: the audit journal writes what it holds and the signed head is made durable.
            await node.Services.DisposeAsync().ConfigureAwait(false);
        }

        daemonLock.Dispose();
    }
}
