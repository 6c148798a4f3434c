using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Host.Composition;
using Rapport.Host.Control;
using Rapport.Host.Daemon;

namespace Rapport.Host.Hosting;

/// <summary>The control socket CLI commands reach the running node through; the node runs on without one if the path is too long.</summary>
public sealed class ControlSocketService(DataDirectory data, ControlCommands commands, ILogger<ControlServer> logger) : IHostedService
{
    private ControlServer? _server;

    /// <summary>Why no control socket could be opened (the node still serves its peers), or null.</summary>
    public string? Problem { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _server = ControlServer.Start(data.SocketPath, commands.HandleAsync, logger);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or System.Net.Sockets.SocketException)
        {
            // A Unix socket path is limited to about 100 bytes; the node still serves its peers and partners.
            Problem = $"no control socket at {data.SocketPath} ({e.Message}); CLI commands that need this node cannot reach it. Use a shorter --data path.";
            ControlLog.NoControlSocket(logger, data.SocketPath, e.Message);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
