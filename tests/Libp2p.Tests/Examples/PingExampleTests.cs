using System.Diagnostics;
using System.Text.RegularExpressions;
using Rapport.Libp2p.Addressing;
using Rapport.Libp2p.Identity;
using Rapport.Libp2p.Network;

namespace Rapport.Libp2p.Tests.Examples;

/// <summary>The ping example the package ships works as its README says: one process listens, another pings it.</summary>
public sealed partial class PingExampleTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "libp2p-ping.dll");

    [Fact]
    public async Task A_listening_example_answers_the_ping_example_and_any_other_host()
    {
        using var listener = Start("listen");
        try
        {
            var address = await ListeningAddressAsync(listener);

            var ping = Start("ping", address, "2");
            Assert.True(ping.WaitForExit(TimeSpan.FromSeconds(60)), "the ping example did not finish");
            var output = await ping.StandardOutput.ReadToEndAsync();
            Assert.True(ping.ExitCode == 0, output + await ping.StandardError.ReadToEndAsync());
            Assert.Equal(2, PongLine().Matches(output).Count);

            await using var host = new Libp2pHost(NodeIdentity.Generate());
            var rtt = await host.PingAsync(Multiaddr.Parse(address).Value);
            Assert.True(rtt.IsSuccess, rtt.IsFailure ? rtt.Error.ToString() : null);
        }
        finally
        {
            listener.Kill(entireProcessTree: true);
            await listener.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("ping", "/ip4/127.0.0.1/tcp/1")]
    [InlineData("ping", "not an address")]
    [InlineData("frobnicate")]
    public async Task Bad_arguments_get_a_message_and_exit_code_2(params string[] args)
    {
        using var process = Start(args);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
        var error = await process.StandardError.ReadToEndAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Pinging_a_node_that_is_not_there_fails_with_the_reason_and_exit_code_1()
    {
        using var process = Start("ping", $"/ip4/127.0.0.1/tcp/1/p2p/{NodeIdentity.Generate().PeerId}", "1");
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("DIAL_FAILED", await process.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("cannot start the example");
    }

    private static async Task<string> ListeningAddressAsync(Process listener)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await listener.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                return line["listening on ".Length..];
            }
        }

        throw new InvalidOperationException("the example ended without listening: " + await listener.StandardError.ReadToEndAsync());
    }

    [GeneratedRegex(@"^pong from 12D3KooW\w+ in [0-9.]+ ms$", RegexOptions.Multiline)]
    private static partial Regex PongLine();
}
