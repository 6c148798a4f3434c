using Microsoft.Data.Sqlite;
using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Decline;
using Rapport.Application.Sharing.List;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Revoke;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;

namespace Rapport.Adapters.Libp2p.Tests.Sharing;

/// <summary>
/// A whole node for the consent flow, started as `rapport run` starts one (<see cref="RunningNode"/>): real identity,
/// libp2p host on loopback, SQLite file, the consent protocol and the use cases from the node's one composition.
/// </summary>
internal sealed class ConsentNode : IAsyncDisposable
{
    private readonly string _directory;
    private readonly RunningNode _node;

    private ConsentNode(string directory, RunningNode node)
    {
        _directory = directory;
        _node = node;
    }

    public NodeIdentity Identity => _node.Get<NodeIdentity>();
    public Libp2pHost Host => _node.Get<Libp2pHost>();
    public IUnitOfWorkFactory Store => _node.Get<IUnitOfWorkFactory>();
    public Multiaddr Address => _node.Addresses[0];
    public IGrantSigner Signer => _node.Get<IGrantSigner>();

    /// <summary>How the node reaches its peers' consent protocol (dialing a known peer first).</summary>
    public IConsentChannel Channel => _node.Get<IConsentChannel>();
    public string PeerId => Signer.LocalPeerId;
    public RequestSharing Request => _node.Get<RequestSharing>();
    public ListSharingRequests Pending => _node.Get<ListSharingRequests>();
    public AcceptRequest Accept => _node.Get<AcceptRequest>();
    public DeclineRequest Decline => _node.Get<DeclineRequest>();
    public RevokeGrant Revoke => _node.Get<RevokeGrant>();

    /// <summary>Any use case or part of the node, from its container.</summary>
    public T Get<T>() where T : notnull => _node.Get<T>();

    public static async Task<ConsentNode> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rapport-consent-" + Guid.NewGuid().ToString("N"));
        var data = new DataDirectory(directory);
        var laid = await NewNode.CreateAsync(data);
        Assert.True(laid.IsSuccess, laid.IsFailure ? laid.Error.ToString() : null);
        var started = await RunningNode.StartAsync(data, [Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value], _ => { }, CancellationToken.None);
        Assert.True(started.IsSuccess, started.IsFailure ? started.Error.ToString() : null);
        return new ConsentNode(directory, started.Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
