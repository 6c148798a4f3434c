using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Host.Composition;
using Rapport.Host.Control;
using Rapport.Host.Hosting;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Hosting;

/// <summary>
/// The host starts its parts in registration order and stops them in reverse: the store first and last, the partner
/// API (Kestrel) last and first — so a stop drains gRPC calls before the peer network and the store go.
/// </summary>
public sealed class StartOrderTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Store_peers_control_socket_then_the_partner_api()
    {
        await _cli.OkAsync("init");
        var data = new DataDirectory(_cli.Root);
        var identity = NodeIdentityFile.Load(data).Value;
        using var daemonLock = DaemonLock.Acquire(data).Value;
        await using var node = await NodeServices.OpenAsync(data, CancellationToken.None);
        var options = new RapportNodeOptions { Grpc = "127.0.0.1:0" };
        options.Listen.Add("/ip4/127.0.0.1/tcp/0");
        using var host = RapportNode.Build(node, daemonLock, options, null, logging => logging.ClearProviders());

        var order = host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.Equal(["StoreLifetime", nameof(PeerNetworkService), nameof(ControlSocketService)], order.Take(3));
        Assert.Equal("GenericWebHostService", order.Last());
    }
}
