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
        DefaultValueFactory = _ => PartnerApiOptions.DefaultEndpoint,
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
                    return ctx.Fail(new Error(NetworkErrors.InvalidListenAddress, parsed.Error.Message, "--listen"));
                }

                addresses.Add(parsed.Value);
            }

            var identity = NodeIdentityFile.Load(ctx.Data);
            if (identity.IsFailure)
            {
                return ctx.Fail(identity.Error);
            }

            void Log(string line) => ctx.Error.WriteLine(line);
            var started = await RunningNode.StartAsync(ctx.Data, addresses, Log, ct).ConfigureAwait(false);
            if (started.IsFailure)
            {
                return ctx.Fail(started.Error);
            }

            await using var running = started.Value;
            var host = running.Node.Host;
            var services = running.Node.Services;
            Console.Out.WriteLine($"rapport node {host.PeerId} running; Ctrl-C to stop");
            foreach (var address in running.Addresses)
            {
                Console.Out.WriteLine($"listening on {address}");
            }

            var certificate = PartnerApiCertificate.Load(ctx.Parse.GetValue(TlsCertificate), ctx.Parse.GetValue(TlsPassword));
            if (certificate.IsFailure)
            {
                return ctx.Fail(certificate.Error);
            }

            PartnerApiServer? partnerApi = null;
            var grpcEndpoint = ctx.Value(Grpc);
            if (!string.Equals(grpcEndpoint, "none", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    partnerApi = await PartnerApiServer.StartAsync(services, o => (o.Endpoint, o.Certificate) = (grpcEndpoint, certificate.Value), ct).ConfigureAwait(false);
                    Console.Out.WriteLine(partnerApi.ListeningLine);
                }
                catch (GrpcServerConfigurationException e)
                {
                    ctx.Error.WriteLine($"error: --grpc: {e.Message}");
                    return ExitCodes.Usage;
                }
            }

            if (running.ControlProblem is null)
            {
                Console.Out.WriteLine($"control socket {ctx.Data.SocketPath}");
            }

            await Console.Out.FlushAsync(ct).ConfigureAwait(false);
            await stop.Task.ConfigureAwait(false);
            Console.Out.WriteLine("stopping…");
            if (partnerApi is not null)
            {
                await partnerApi.DisposeAsync().ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
