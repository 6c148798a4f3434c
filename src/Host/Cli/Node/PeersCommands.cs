using System.CommandLine;
using Rapport.Adapters.Libp2p;
using Rapport.Application.Peers;
using Rapport.Domain.Common;
using Rapport.Host.Cli.Consent;
using Rapport.Host.Cli.Control;
using Rapport.Host.Composition;
using Rapport.Host.Control;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;
using Spectre.Console;

namespace Rapport.Host.Cli.Node;

/// <summary>
/// `rapport peers ping|identify MULTIADDR`: dial any libp2p peer (ours or another implementation) and report;
/// `peers connect` (through the running node) and `peers list` (the address book).
/// </summary>
public static class PeersCommands
{
    private static readonly Argument<string> Address = new("MULTIADDR")
    {
        Description = "The peer to dial, e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…",
    };

    private static readonly Option<int> Timeout = new("--timeout")
    {
        Description = "Seconds to wait for the peer.",
        DefaultValueFactory = _ => 10,
    };

    private static readonly Option<int> Count = new("--count")
    {
        Description = "How many pings to send.",
        DefaultValueFactory = _ => 1,
    };

    public static Command Create()
    {
        var peers = new Command("peers", "Talk to other libp2p peers.");
        peers.Subcommands.Add(Ping());
        peers.Subcommands.Add(Identify());
        peers.Subcommands.Add(Connect());
        peers.Subcommands.Add(List());
        return peers;
    }

    private static Command Connect()
    {
        var command = new Command("connect", "Have the running node dial a peer and remember it (it re-dials it after a disconnect or restart).") { Address };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var address = Multiaddr.Parse(ctx.Value(Address));
            if (address.IsFailure)
            {
                return ctx.Fail(new Error(PeerErrors.InvalidAddress, address.Error.Message, "MULTIADDR"));
            }

            if (address.Value.PeerId is null)
            {
                return ctx.Fail(new Error(PeerErrors.InvalidAddress, "the address must end in /p2p/<peer id> so the peer can be authenticated", "MULTIADDR"));
            }

            return await NodeCall.RunAsync(ctx, "peers.connect", new { address = address.Value.ToString() }, response =>
            {
                var peer = response.Result!.Value.GetProperty("peer").GetString();
                if (ctx.Json)
                {
                    ctx.WriteJson(new { peer, address = address.Value.ToString() });
                }
                else
                {
                    System.Console.Out.WriteLine($"connected to {peer}");
                }

                return ExitCodes.Ok;
            }, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the peers this node remembers (address book).");
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var peers = await node.Get<PeerDirectory>().ListAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(peers);
                return ExitCodes.Ok;
            }

            var console = CliInput.Out();
            if (peers.Count == 0)
            {
                console.WriteLine("no known peers; connect with `rapport peers connect MULTIADDR`");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("peer", "addresses", "last connected", "failures");
            foreach (var p in peers)
            {
                table.AddRow(
                    Markup.Escape(p.PeerId), Markup.Escape(string.Join('\n', p.Addresses)), CliInput.Format(p.LastConnectedAt),
                    p.ConsecutiveFailures.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Ping()
    {
        var command = new Command("ping", "Dial a peer and measure /ipfs/ping/1.0.0 round trips.") { Address, Timeout, Count };
        CliAction.Set(command, (ctx, ct) => WithPeerAsync(ctx, ct, async (host, address, token) =>
        {
            var rtts = new List<double>();
            for (var i = 0; i < Math.Max(1, ctx.Value(Count)); i++)
            {
                var rtt = await host.PingAsync(address, token).ConfigureAwait(false);
                if (rtt.IsFailure)
                {
                    return rtt.Error.ToRapport();
                }

                rtts.Add(rtt.Value.TotalMilliseconds);
                if (!ctx.Json)
                {
                    ctx.Console.WriteLine($"pong from {address.PeerId}: {rtt.Value.TotalMilliseconds:0.###} ms");
                }
            }

            if (ctx.Json)
            {
                ctx.WriteJson(new { peer = address.PeerId?.ToString(), rttMs = rtts });
            }

            return Result.Ok();
        }));
        return command;
    }

    private static Command Identify()
    {
        var command = new Command("identify", "Dial a peer and show what it says about itself (/ipfs/id/1.0.0).") { Address, Timeout };
        CliAction.Set(command, (ctx, ct) => WithPeerAsync(ctx, ct, async (host, address, token) =>
        {
            var identified = await host.IdentifyAsync(address, token).ConfigureAwait(false);
            if (identified.IsFailure)
            {
                return identified.Error.ToRapport();
            }

            var info = identified.Value;
            var listen = info.ListenAddrs.Select(DescribeAddress).ToList();
            var observed = info.ObservedAddr is { Length: > 0 } o ? DescribeAddress(o) : null;
            if (ctx.Json)
            {
                ctx.WriteJson(new
                {
                    peer = address.PeerId?.ToString(),
                    agentVersion = info.AgentVersion,
                    protocolVersion = info.ProtocolVersion,
                    protocols = info.Protocols,
                    listenAddrs = listen,
                    observedAddr = observed,
                });
            }
            else
            {
                var table = new Table().HideHeaders().AddColumns("", "");
                table.AddRow("peer", Markup.Escape(address.PeerId?.ToString() ?? "?"));
                table.AddRow("agent", Markup.Escape(info.AgentVersion ?? ""));
                table.AddRow("protocol version", Markup.Escape(info.ProtocolVersion ?? ""));
                table.AddRow("protocols", Markup.Escape(string.Join('\n', info.Protocols)));
                table.AddRow("listen addrs", Markup.Escape(string.Join('\n', listen)));
                table.AddRow("observed addr", Markup.Escape(observed ?? ""));
                ctx.Console.Write(table);
            }

            return Result.Ok();
        }));
        return command;
    }

    private static string DescribeAddress(byte[] bytes)
    {
        var decoded = Multiaddr.TryDecode(bytes);
        return decoded.IsSuccess ? decoded.Value.ToString() : $"(undecodable: {Convert.ToHexStringLower(bytes)})";
    }

    /// <summary>Dials from this node's identity when the data dir is initialised, from a throwaway one otherwise.</summary>
    private static async Task<int> WithPeerAsync(CliContext ctx, CancellationToken ct, Func<Libp2pHost, Multiaddr, CancellationToken, Task<Result<Unit>>> action)
    {
        var address = Multiaddr.Parse(ctx.Value(Address));
        if (address.IsFailure)
        {
            return ctx.Fail(new Error(PeerErrors.InvalidAddress, address.Error.Message, "MULTIADDR"));
        }

        if (address.Value.PeerId is null)
        {
            return ctx.Fail(new Error(PeerErrors.InvalidAddress, "the address must end in /p2p/<peer id> so the peer can be authenticated", "MULTIADDR"));
        }

        var identity = File.Exists(ctx.Data.IdentityPath) ? NodeIdentityFile.Load(ctx.Data) : NodeIdentity.Generate();
        if (identity.IsFailure)
        {
            return ctx.Fail(identity.Error);
        }

        var timeout = TimeSpan.FromSeconds(Math.Max(1, ctx.Value(Timeout)));
        await using var host = new Libp2pHost(identity.Value, new Libp2pOptions { DialTimeout = timeout, AgentVersion = NodeAgent.Version });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout * 2);
        Result<Unit> outcome;
        try
        {
            outcome = await action(host, address.Value, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = new Error(PeerErrors.Timeout, $"{address.Value} did not answer within {timeout.TotalSeconds:0} s");
        }

        return outcome.IsFailure ? ctx.Fail(outcome.Error) : ExitCodes.Ok;
    }
}
