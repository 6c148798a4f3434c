using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Host.Composition;
using Rapport.Host.Grpc;

namespace Rapport.Adapters.Grpc.Tests.Support;

/// <summary>
/// A business node in a temp directory (real SQLite file, identity, policy) serving its partner API exactly as
/// `rapport run` does, with what a test adds; deleted on dispose.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly string _dir;

    private TestNode(string dir, NodeServices node, PartnerApiServer server)
    {
        (_dir, Node, Server) = (dir, node, server);
        Client = new RawGrpcClient(server.Address);
    }

    public NodeServices Node { get; }

    public PartnerApiServer Server { get; }

    public RawGrpcClient Client { get; }

    public Uri Address => Server.Address;

    /// <summary>Lays out and opens a node, runs <paramref name="seed"/> on it, then starts its API.</summary>
    public static async Task<TestNode> StartAsync(
        Action<PartnerApiOptions>? configure = null, Action<IServiceCollection>? services = null, Action<IEndpointRouteBuilder>? endpoints = null,
        Func<NodeServices, Task>? seed = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rapport-grpc-node-" + Guid.NewGuid().ToString("N"));
        var data = new DataDirectory(dir);
        Assert.True((await NewNode.CreateAsync(data)).IsSuccess);
        var node = await NodeServices.OpenAsync(data, CancellationToken.None);
        try
        {
            if (seed is not null)
            {
                await seed(node);
            }

            var server = await PartnerApiServer.StartAsync(node, o =>
            {
                o.Endpoint = "127.0.0.1:0";
                configure?.Invoke(o);
            }, CancellationToken.None, services, endpoints);
            return new TestNode(dir, node, server);
        }
        catch
        {
            await node.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
