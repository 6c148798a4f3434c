using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Application.SharedRecords;
using Rapport.Host.Composition;
using Rapport.Host.Daemon;
using Rapport.Host.Hosting;
using Rapport.Libp2p.Addressing;

namespace Rapport.Bench.Sync;

/// <summary>
/// One node of the sync benchmark: a data dir laid out as `rapport init` lays it out, started per phase exactly as
/// `rapport run` starts a node (<see cref="RunningNode"/>), so the timed phase begins with no connection between the
/// pair. Between phases the benchmark prepares the store directly (<see cref="OpenAsync"/>), as a restore would.
/// </summary>
internal sealed class SyncBenchNode
{
    private SyncBenchNode(DataDirectory data, string peerId) => (Data, PeerId) = (data, peerId);

    public DataDirectory Data { get; }

    public string PeerId { get; }

    public static async Task<SyncBenchNode> CreateAsync(string root)
    {
        var data = new DataDirectory(root);
        var laid = await NewNode.CreateAsync(data).ConfigureAwait(false);
        return laid.IsSuccess ? new SyncBenchNode(data, laid.Value.Identity.PeerId.ToString()) : throw new InvalidOperationException($"cannot lay out a node in {root}: {laid.Error.Message}");
    }

    /// <summary>The node's store, opened while the node is not running (setup and checks).</summary>
    public Task<NodeServices> OpenAsync() => NodeServices.OpenAsync(Data, CancellationToken.None);

    /// <summary>The node's clock for writes made while it is not running, stamped as the node would stamp them.</summary>
    public static NodeClock ClockOf(NodeServices node) => new(node.UnitOfWork, new Ed25519GrantSigner(node.Identity), node.Clock);

    /// <summary>Starts the node on loopback; with <paramref name="observe"/>, its shared-record sync passes through that observer.</summary>
    public async Task<RunningNode> StartAsync(Func<ISharedRecordSync, ISharedRecordSync>? observe = null)
    {
        Action<IServiceCollection>? replace = observe is null
            ? null
            : services => services.AddSingleton(sp => observe(sp.GetRequiredService<SharedRecordSync>()));
        var started = await RunningNode.StartAsync(Data, [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value], _ => { }, CancellationToken.None, replace).ConfigureAwait(false);
        return started.IsSuccess ? started.Value : throw new InvalidOperationException($"the node in {Data.Root} did not start: {started.Error.Message}");
    }

    /// <summary>Dials <paramref name="to"/> from <paramref name="from"/> as `rapport peers connect` does.</summary>
    public static async Task ConnectAsync(RunningNode from, RunningNode to)
    {
        var connected = await from.Get<PeerConnector>().ConnectAsync(to.Addresses[0], CancellationToken.None).ConfigureAwait(false);
        if (connected.IsFailure)
        {
            throw new InvalidOperationException($"{from.PeerId} could not connect to {to.PeerId}: {connected.Error.Message}");
        }
    }
}
