using System.CommandLine;
using System.Runtime.InteropServices;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Libp2p.Addressing;
using Rapport.Adapters.Libp2p.Network;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Domain.Common;
using Rapport.Host.Composition;
using Rapport.Host.Control;
using Rapport.Host.Daemon;
using Rapport.Host.Grpc;
using Spectre.Console;

namespace Rapport.Host.Cli.Node;

/// <summary>`rapport run`: the node daemon, in the foreground until Ctrl-C or SIGTERM.</summary>
public static class RunCommand
{
    public static readonly Option<string[]> Listen = new("--listen")
    {
        Description = "A multiaddr to listen on (repeatable).",
        DefaultValueFactory = _ => ["/ip4/0.0.0.0/tcp/4001"],
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string> Grpc = new("--grpc")
    {
        Description = "host:port for the gRPC partner API (plaintext only on loopback), or `none`.",
        DefaultValueFactory = _ => PartnerApiHost.DefaultEndpoint,
    };

    public static readonly Option<FileInfo?> TlsCertificate = new("--tls-cert")
    {
        Description = "PKCS#12 (.pfx) certificate for the gRPC partner API; with it gRPC is served over TLS (h2).",
    };

    public static readonly Option<string?> TlsPassword = new("--tls-password")
    {
        Description = "Password of the --tls-cert file (or set RAPPORT_TLS_PASSWORD).",
    };

    public static Command Create()
    {
        var command = new Command("run", "Run this node: serve libp2p peers and the gRPC partner API until Ctrl-C or SIGTERM.");
        command.Options.Add(Listen);
        command.Options.Add(Grpc);
        command.Options.Add(TlsCertificate);
        command.Options.Add(TlsPassword);
        CliAction.Set(command, async (ctx, ct) =>
        {
            // From the first moment, so a SIGTERM during start-up still stops the node cleanly (socket removed).
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.TrySetResult();
            });
            using var registration = ct.Register(() => stop.TrySetResult());
            var addresses = new List<Multiaddr>();
            foreach (var text in ctx.Value(Listen))
            {
                var parsed = Multiaddr.Parse(text);
                if (parsed.IsFailure)
                {
                    return ctx.Fail(new Error("INVALID_LISTEN_ADDRESS", parsed.Error.Message, "--listen"));
                }

                addresses.Add(parsed.Value);
            }

            var identity = NodeIdentityFile.Load(ctx.Data);
            if (identity.IsFailure)
            {
                return ctx.Fail(identity.Error);
            }

            var acquired = DaemonLock.Acquire(ctx.Data);
            if (acquired.IsFailure)
            {
                ctx.Error.WriteLine($"error: {acquired.Error.Message}");
                return ExitCodes.Failure;
            }

            using var daemonLock = acquired.Value;

            var services = await NodeServices.OpenAsync(ctx.Data, ct).ConfigureAwait(false);
            void Log(string line) => ctx.Error.WriteLine(line);
            await using var host = new Libp2pHost(identity.Value, new Libp2pOptions(), message => Log($"[p2p] {message}"));
            await using var node = new NodeDaemon(services, host, new Ed25519GrantSigner(identity.Value), Log);
            var listening = await host.ListenAsync(addresses, ct).ConfigureAwait(false);
            if (listening.IsFailure)
            {
                ctx.Error.WriteLine($"error: {listening.Error.Message}");
                return ExitCodes.Failure;
            }

            Console.Out.WriteLine($"rapport node {host.PeerId} running; Ctrl-C to stop");
            foreach (var address in listening.Value.SelectMany(ListenAddresses.Dialable))
            {
                Console.Out.WriteLine($"listening on {address.With(host.PeerId)}");
            }

            var certificate = PartnerApiCertificate.Load(ctx.Parse.GetValue(TlsCertificate), ctx.Parse.GetValue(TlsPassword));
            if (certificate.IsFailure)
            {
                await host.StopAsync().ConfigureAwait(false);
                return ctx.Fail(certificate.Error);
            }

            IAsyncDisposable? partnerApi = null;
            var grpcEndpoint = ctx.Value(Grpc);
            if (!string.Equals(grpcEndpoint, "none", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    partnerApi = await PartnerApiHost.StartAsync(services, grpcEndpoint, line => Console.Out.WriteLine(line), ct, certificate.Value).ConfigureAwait(false);
                }
                catch (GrpcServerConfigurationException e)
                {
                    ctx.Error.WriteLine($"error: --grpc: {e.Message}");
                    await host.StopAsync().ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }

            var commands = new ControlCommands(node);
            ControlServer? control = null;
            try
            {
                control = ControlServer.Start(ctx.Data.SocketPath, commands.HandleAsync, Log);
                Console.Out.WriteLine($"control socket {ctx.Data.SocketPath}");
            }
            catch (Exception e) when (e is ArgumentOutOfRangeException or System.Net.Sockets.SocketException)
            {
                // A Unix socket path is limited to about 100 bytes; the node still serves its peers and partners.
                Log($"warning: no control socket at {ctx.Data.SocketPath} ({e.Message}); CLI commands that need this node cannot reach it. Use a shorter --data path.");
            }

            await using (control)
            {
                await node.StartAsync(ct).ConfigureAwait(false);
                await Console.Out.FlushAsync(ct).ConfigureAwait(false);
                await stop.Task.ConfigureAwait(false);
                Console.Out.WriteLine("stopping…");
            }

            await node.DisposeAsync().ConfigureAwait(false);
            if (partnerApi is not null)
            {
                await partnerApi.DisposeAsync().ConfigureAwait(false);
            }

            await host.StopAsync().ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
