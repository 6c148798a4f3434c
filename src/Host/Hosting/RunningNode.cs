using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Libp2p;
using Rapport.Adapters.Web.Hosting;
using Rapport.Domain.Common;
using Rapport.Host.Composition;
using Rapport.Host.Control;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Hosting;

/// <summary>
/// A started node of one data dir, on the node's one host (<see cref="RapportNode"/>): the data-dir lock, the store,
/// the libp2p host listening, the daemon, the control socket and — when asked for — the gRPC partner API.
/// `rapport run`, `rapport demo` and the tests start nodes this way. Disposing stops the host: everything in reverse
/// order, the store last, then the lock is released.
/// </summary>
public sealed class RunningNode : IAsyncDisposable
{
    private readonly IHost _host;
    private int _disposed;

    private RunningNode(IHost host) => _host = host;

    /// <summary>The node's libp2p identity.</summary>
    public Rapport.Libp2p.Identity.PeerId PeerId => Get<Libp2pHost>().PeerId;

    /// <summary>Where peers can dial this node, each ending in <c>/p2p/&lt;peer id&gt;</c>.</summary>
    public IReadOnlyList<Multiaddr> Addresses => _host.Services.GetRequiredService<PeerNetworkService>().Addresses;

    /// <summary>Why no control socket could be opened (the node still serves its peers), or null.</summary>
    public string? ControlProblem => _host.Services.GetRequiredService<ControlSocketService>().Problem;

    /// <summary>The partner API's bound address, or null when the node serves none.</summary>
    public Uri? PartnerApi => RapportNode.PartnerApiAddress(_host.Services);

    /// <summary>The web console's bound address ("http://127.0.0.1:8080/"), or null when the node serves none.</summary>
    public Uri? WebConsole => Adapters.Web.Hosting.WebConsole.Address(_host.Services);

    /// <summary>
    /// A use case (or a part) of this running node, from its container: what the control socket and the partner API
    /// use, for a test or benchmark that drives the node in-process.
    /// </summary>
    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Cancelled when the host begins to stop (a signal, or a part that asked for it).</summary>
    public CancellationToken Stopping => _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>Starts a node serving its peers only (no partner API); its log lines go to <paramref name="log"/>.</summary>
    /// <param name="replace">Registrations that replace the node's own (a benchmark observes a part this way).</param>
    public static Task<Result<RunningNode>> StartAsync(
        DataDirectory data, IReadOnlyList<Multiaddr> listen, Action<string> log, CancellationToken cancellationToken, Action<IServiceCollection>? replace = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var options = new RapportNodeOptions { Grpc = "none" };
        foreach (var address in listen)
        {
            options.Listen.Add(address.ToString());
        }

        return StartAsync(data, options, null, logging => logging.AddNodeLines(log), cancellationToken, replace);
    }

    /// <summary>Starts a node as `rapport run` does, with <paramref name="options"/> from its settings.</summary>
    /// <param name="replace">Registrations that replace the node's own (a test swaps a port, a benchmark observes a part).</param>
    /// <param name="endpoints">More endpoints next to the partner API's (a test maps a service of its own).</param>
    public static async Task<Result<RunningNode>> StartAsync(
        DataDirectory data, RapportNodeOptions options, X509Certificate2? certificate, Action<ILoggingBuilder> logging, CancellationToken cancellationToken,
        Action<IServiceCollection>? replace = null, Action<IEndpointRouteBuilder>? endpoints = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logging);
        var identity = NodeIdentityFile.Load(data);
        if (identity.IsFailure)
        {
            return identity.Error;
        }

        var writable = data.CheckWritable();
        if (writable.IsFailure)
        {
            return writable.Error;
        }

        var acquired = DaemonLock.Acquire(data);
        if (acquired.IsFailure)
        {
            return acquired.Error;
        }

        NodeServices services;
        try
        {
            services = await NodeServices.OpenAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            acquired.Value.Dispose();
            throw;
        }

        IHost host;
        try
        {
            host = RapportNode.Build(services, acquired.Value, options, certificate, logging, replace, endpoints);
        }
        catch (Exception e)
        {
            await services.DisposeAsync().ConfigureAwait(false);
            acquired.Value.Dispose();
            if (StartFailure(e, options) is { } error)
            {
                return error;
            }

            throw;
        }

        var logger = host.Services.GetRequiredService<ILogger<RunningNode>>();
        foreach (var report in services.Reports.Concat(data.LooseModes()))
        {
            HostingLog.OpeningReport(logger, report);
        }

        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return new RunningNode(host);
        }
        catch (Exception e) when (StartFailure(e, options) is { } error)
        {
            await StopAsync(host).ConfigureAwait(false);
            return error;
        }
        catch
        {
            await StopAsync(host).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopAsync(_host).ConfigureAwait(false);
        }
    }

    /// <summary>The expected failures of a start: a taken port, an endpoint that cannot be served.</summary>
    private static Error? StartFailure(Exception e, RapportNodeOptions options) => e switch
    {
        NodeStartException start => start.Error,
        GrpcServerConfigurationException config => new Error(Hosting.NodeSettingsErrors.SettingsInvalid, config.Message, "grpc"),
        WebConsoleConfigurationException config => new Error(Hosting.NodeSettingsErrors.SettingsInvalid, config.Message, "web"),
        IOException io => new Error(NetworkErrors.ListenFailed.ToRapport(), $"cannot listen on {Endpoints(options)}: {io.Message}", "listen"),
        _ => null,
    };

    private static string Endpoints(RapportNodeOptions options) =>
        string.Join(" and ", new[] { options.ServesPartnerApi ? $"{options.Grpc} (gRPC)" : null, options.ServesWebConsole ? $"{options.Web} (web console)" : null }.OfType<string>());

    // Stops every part that started (in reverse order; the store's part closes the store and releases the lock even
    // when the start failed half-way), then frees the host.
    private static async Task StopAsync(IHost host)
    {
        var logger = host.Services.GetRequiredService<ILogger<RunningNode>>();
        HostingLog.Stopping(logger, "the node");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await host.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            HostingLog.Stopped(logger, "the node's parts", clock.ElapsedMilliseconds);
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
