using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;

namespace Rapport.Adapters.Grpc.Tests.Support;

/// <summary>
/// A business node in a temp directory (real SQLite file, identity, policy) started as `rapport serve-grpc` starts
/// one (<see cref="RunningNode"/> with no libp2p listener), with what a test adds: API options, registrations that
/// replace the node's, endpoints beside the API's. Stopped and deleted on dispose.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly string _dir;

    private TestNode(string dir, RunningNode node)
    {
        (_dir, Node) = (dir, node);
        Address = node.PartnerApi!;
        Client = new RawGrpcClient(Address);
    }

    public RunningNode Node { get; }

    public RawGrpcClient Client { get; }

    /// <summary>The partner API's bound address ("http://127.0.0.1:54321/").</summary>
    public Uri Address { get; }

    /// <summary>A part of the node, from its container.</summary>
    public T Get<T>() where T : notnull => Node.Get<T>();

    /// <summary>Lays out a node, runs <paramref name="seed"/> on it (opened as a one-shot command opens it), then starts it.</summary>
    public static async Task<TestNode> StartAsync(
        Action<PartnerApiOptions>? configure = null, Action<IServiceCollection>? services = null, Action<IEndpointRouteBuilder>? endpoints = null,
        Func<OpenedNode, Task>? seed = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rapport-grpc-node-" + Guid.NewGuid().ToString("N"));
        var data = new DataDirectory(dir);
        try
        {
            Assert.True((await NewNode.CreateAsync(data)).IsSuccess);
            if (seed is not null)
            {
                await using var opened = new OpenedNode(await NodeServices.OpenAsync(data, CancellationToken.None));
                await seed(opened);
            }

            // The endpoint is the node's setting (its errors name it); the test's other API options apply after the node's.
            var asked = new PartnerApiOptions { Endpoint = new IPEndPoint(IPAddress.Loopback, 0) };
            configure?.Invoke(asked);
            var options = new RapportNodeOptions { Grpc = asked.Endpoint.ToString(), ShutdownTimeout = TimeSpan.FromSeconds(5) };
            var started = await RunningNode.StartAsync(data, options, null, _ => { }, CancellationToken.None, replace: registrations =>
            {
                if (configure is not null)
                {
                    registrations.Configure(configure);
                }

                services?.Invoke(registrations);
            }, endpoints);
            if (started.IsFailure)
            {
                throw new GrpcServerConfigurationException(started.Error.Message);
            }

            return new TestNode(dir, started.Value);
        }
        catch
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    /// <summary>Stops the node as SIGTERM would: the API stops accepting, drains its calls, and everything stops.</summary>
    public Task StopAsync() => Node.DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
