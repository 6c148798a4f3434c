using Microsoft.Extensions.DependencyInjection;
using Rapport.Application.Common;

namespace Rapport.Host.Composition;

/// <summary>
/// A node opened for one command: its use cases come from the same registration as a running node's
/// (<see cref="NodePorts.AddNodeCore"/>), so a command never builds one or reaches the store.
/// Disposing closes the container, then the store (the audit journal writes what it holds).
/// </summary>
public sealed class OpenedNode : IAsyncDisposable
{
    private readonly NodeServices _node;
    private readonly ServiceProvider _services;

    public OpenedNode(NodeServices node)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        // Not validated on build: the use cases that need the peer network (the consent channel, the node's clock)
        // resolve only in a running node, and a one-shot command never asks for them.
        _services = new ServiceCollection().AddNodeCore(node).BuildServiceProvider();
    }

    public DataDirectory Data => _node.Data;

    /// <summary>The node's clock: what "now" is for the answers a command shows.</summary>
    public IClock Clock => _node.Clock;

    /// <summary>What opening found and repaired, for the user to read (a warning line each).</summary>
    public IReadOnlyList<string> Reports => _node.Reports;

    /// <summary>A use case (or a helper of use cases) of this node, with its ports.</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        await _node.DisposeAsync().ConfigureAwait(false);
    }
}
