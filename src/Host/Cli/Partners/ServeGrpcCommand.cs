using System.CommandLine;
using Rapport.Host.Cli.Node;
using Rapport.Host.Hosting;

namespace Rapport.Host.Cli.Partners;

/// <summary>
/// `rapport serve-grpc [--grpc HOST:PORT]`: the node of `rapport run` serving only the gRPC partner API until Ctrl-C or
/// SIGTERM — for a business node that takes no part in peer-to-peer sharing (`rapport run --listen none`).
/// </summary>
public static class ServeGrpcCommand
{
    public static Command Build()
    {
        var command = new Command("serve-grpc", "Serve the gRPC partner API (health, reflection) until Ctrl-C or SIGTERM; the same node as `rapport run --listen none`.");
        command.Options.Add(RunCommand.Grpc);
        command.Options.Add(RunCommand.TlsCertificate);
        command.Options.Add(RunCommand.TlsPassword);
        command.Options.Add(RunCommand.ShutdownTimeout);
        command.Options.Add(RunCommand.MaxMessageBytes);
        command.Options.Add(RunCommand.LogFormat);
        CliAction.Set(command, (ctx, ct) =>
        {
            var flags = RunCommand.Flags(ctx);
            flags["listen:0"] = NodeSettings.NoListen;
            return RunCommand.RunAsync(ctx, flags, ct);
        });
        return command;
    }
}
