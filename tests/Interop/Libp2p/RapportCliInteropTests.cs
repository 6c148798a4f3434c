using System.Diagnostics;
using System.Text.RegularExpressions;
using static Rapport.Interop.Tests.Libp2p.JsDialsCSharpTests;

namespace Rapport.Interop.Tests.Libp2p;

/// <summary>The real <c>rapport</c> binary against a real js-libp2p node, in both directions.</summary>
[Collection(JsLibp2pCollection.Name)]
public sealed partial class RapportCliInteropTests : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    private readonly string _data = Path.Combine(Path.GetTempPath(), "rapport-interop-" + Guid.NewGuid().ToString("N"));
    private JsLibp2pPeer _js = null!;

    public async Task InitializeAsync() => _js = await JsLibp2pPeer.StartAsync();

    public async Task DisposeAsync()
    {
        await _js.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Js_pings_and_identifies_a_running_rapport_node()
    {
        var init = await RapportProcess.RunAsync(CliTimeout, "init", "--data", _data);
        Assert.True(init.ExitCode == 0, init.Stderr);
        var peerId = PeerIdLine().Match(init.Stdout).Groups[1].Value;

        using var node = Process.Start(RapportProcess.StartInfo("run", "--data", _data, "--listen", "/ip4/127.0.0.1/tcp/0", "--grpc", "127.0.0.1:0"))!;
        var stderr = node.StandardError.ReadToEndAsync();
        try
        {
            string? address = null;
            using var ready = new CancellationTokenSource(CliTimeout);
            while (address is null && await node.StandardOutput.ReadLineAsync(ready.Token) is { } line)
            {
                var match = ListeningLine().Match(line);
                address = match.Success ? match.Groups[1].Value : null;
            }

            Assert.True(address is not null, "rapport run printed no 'listening on' line");
            Assert.EndsWith("/p2p/" + peerId, address, StringComparison.Ordinal);

            Ok(await _js.SendAsync("ping", new { addr = address }, CommandTimeout));
            var info = Ok(await _js.SendAsync("identify", new { addr = address }, CommandTimeout));
            Assert.Equal(peerId, info.GetProperty("peerId").GetString());
            Assert.StartsWith("rapport/", info.GetProperty("agentVersion").GetString(), StringComparison.Ordinal);
            Assert.Contains("/ipfs/ping/1.0.0", info.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()));
        }
        finally
        {
            node.StandardInput.Close();
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }

        var log = await stderr;
        Assert.DoesNotContain("Exception", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peers_ping_and_identify_reach_the_js_peer()
    {
        var ping = await RapportProcess.RunAsync(CliTimeout, "peers", "ping", _js.Addr, "--data", _data);
        var identify = await RapportProcess.RunAsync(CliTimeout, "peers", "identify", _js.Addr, "--json", "--data", _data);

        Assert.True(ping.ExitCode == 0, ping.Stdout + ping.Stderr);
        Assert.Contains("pong from " + _js.PeerId, ping.Stdout, StringComparison.Ordinal);
        Assert.True(identify.ExitCode == 0, identify.Stdout + identify.Stderr);
        Assert.Contains("js-libp2p/", identify.Stdout, StringComparison.Ordinal);
        Assert.Contains(JsLibp2pPeer.EchoProtocol, identify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peers_ping_of_a_dead_address_prints_one_error_line_and_exits_1()
    {
        // A port that was just free: the listener is gone, so the dial is refused.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dead = $"/ip4/127.0.0.1/tcp/{port}/p2p/{_js.PeerId}";

        var ping = await RapportProcess.RunAsync(CliTimeout, "peers", "ping", dead, "--timeout", "3", "--data", _data);
        var identify = await RapportProcess.RunAsync(CliTimeout, "peers", "identify", dead, "--timeout", "3", "--data", _data);

        foreach (var (exitCode, stdout, stderr) in new[] { ping, identify })
        {
            Assert.Equal(1, exitCode);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, $"expected one error line, got: {stderr}");
            Assert.StartsWith("error:", lines[0], StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"peer id: (12D3KooW\S+)")]
    private static partial Regex PeerIdLine();

    [GeneratedRegex(@"^listening on (/ip4/127\.0\.0\.1/tcp/\d+/p2p/\S+)$")]
    private static partial Regex ListeningLine();
}
