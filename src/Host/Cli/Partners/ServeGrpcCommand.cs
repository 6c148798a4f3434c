using System.CommandLine;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Host.Grpc;

namespace Rapport.Host.Cli.Partners;

/// <summary>
/// `rapport serve-grpc [--grpc HOST:PORT]`: serves only the gRPC partner API until Ctrl-C, for a business node that
/// does not take part in peer-to-peer sharing. `rapport run` serves the same API alongside libp2p.
/// </summary>
public static class ServeGrpcCommand
{
    public static Command Build()
    {
        var endpoint = new Option<string>("--grpc") { Description = "host:port to serve gRPC on.", DefaultValueFactory = _ => PartnerApiOptions.DefaultEndpoint };
        var command = new Command("serve-grpc", "Serve the gRPC partner API (health, reflection) until Ctrl-C.") { endpoint };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            PartnerApiServer server;
            try
            {
                server = await PartnerApiServer.StartAsync(node.Node, o => o.Endpoint = ctx.Value(endpoint), ct).ConfigureAwait(false);
                System.Console.Out.WriteLine(server.ListeningLine);
            }
            catch (GrpcServerConfigurationException e)
            {
                ctx.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Usage;
            }

            await using (server.ConfigureAwait(false))
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    System.Console.Out.WriteLine("stopping");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
