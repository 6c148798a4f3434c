using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Host.Composition;
using Rapport.Host.Control;

namespace Rapport.Host.Hosting;

/// <summary>
/// The node's store and its data-directory lock, owned by the host: registered first, so it stops last — once no
/// gRPC call, sync round or control command can write any more, the audit journal writes what it holds, the signed
/// head is made durable, the database is closed and the lock released.
/// </summary>
internal sealed class StoreLifetime(NodeServices node, DaemonLock daemonLock, ILogger<StoreLifetime> logger) : IHostedService
{
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        HostingLog.Stopping(logger, "the store");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            daemonLock.Dispose();
            HostingLog.Stopped(logger, "the store", clock.ElapsedMilliseconds);
        }
    }
}
