using System.Net;
using Rapport.Host.Cli;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Web;

/// <summary>`rapport run --web`: the console on the node's own host, next to the partner API, and refused where it would be unsafe.</summary>
public sealed class RunWebTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Run_with_web_prints_the_console_address_and_serves_it_beside_the_partner_api()
    {
        await _cli.OkAsync("init");
        await using var node = await NodeProcess.StartAsync(_cli.Root, "--grpc", "127.0.0.1:0", "--web", "127.0.0.1:0");

        Assert.NotNull(node.GrpcAddress);
        var console = Assert.IsType<Uri>(node.WebAddress);
        Assert.NotEqual(node.GrpcAddress.Port, console.Port);
        using var http = new HttpClient();
        using var login = await http.GetAsync(new Uri(console, "/login"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Sign in", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_refuses_plain_http_on_a_public_address_before_anything_starts()
    {
        await _cli.OkAsync("init");
        var run = await _cli.RunAsync("run", "--json", "--listen", "none", "--grpc", "none", "--web", "0.0.0.0:8080");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var error = System.Text.Json.JsonDocument.Parse(run.Error).RootElement;
        Assert.Equal("SETTINGS_INVALID", error.GetProperty("error").GetString());
        Assert.Contains("only over HTTPS", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("(from --web)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Root, "web-keys")));
    }

    public void Dispose() => _cli.Dispose();
}
