using System.Text.Json;
using Rapport.Domain.Common;
using Rapport.Host.Cli;
using Rapport.Host.Control;
using Rapport.Host.Tests.Daemon;
using Rapport.Libp2p.Identity;

namespace Rapport.Host.Tests.Errors;

/// <summary>The CLI's exit code is the error's kind: 2 for the caller's mistake, 1 for the node's failure, in process and through the node.</summary>
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData(ErrorKind.Invalid, ExitCodes.Usage)]
    [InlineData(ErrorKind.NotFound, ExitCodes.Usage)]
    [InlineData(ErrorKind.ConsentDenied, ExitCodes.Usage)]
    [InlineData(ErrorKind.Conflict, ExitCodes.Usage)]
    [InlineData(ErrorKind.AlreadyExists, ExitCodes.Usage)]
    [InlineData(ErrorKind.Unauthenticated, ExitCodes.Usage)]
    [InlineData(ErrorKind.PermissionDenied, ExitCodes.Usage)]
    [InlineData(ErrorKind.RateLimited, ExitCodes.Failure)]
    [InlineData(ErrorKind.Unavailable, ExitCodes.Failure)]
    public void Each_kind_has_its_exit_code(ErrorKind kind, int exit) => Assert.Equal(exit, ExitCodes.For(kind));

    [Fact]
    public void No_kind_falls_through()
    {
        Assert.All(Enum.GetValues<ErrorKind>(), kind => Assert.Contains(ExitCodes.For(kind), (int[])[ExitCodes.Usage, ExitCodes.Failure]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExitCodes.For((ErrorKind)(-1)));
    }

    [Fact]
    public void The_kind_crosses_the_control_socket_unchanged()
    {
        Assert.All(Enum.GetValues<ErrorKind>(), kind =>
        {
            var sent = new Error(new ErrorCode("SOME_CODE", kind), "why", "field");
            var line = ControlProtocol.Serialize(ControlResponse.Failure(sent));
            Assert.Contains($"\"kind\":\"{kind}\"", line, StringComparison.Ordinal);
            Assert.Equal(sent, ControlProtocol.ParseResponse(line).Value.Error!.ToError());
        });
    }

    [Fact]
    public async Task Wrong_input_a_missing_thing_and_a_clash_exit_2_with_the_kind_in_the_json()
    {
        using var cli = new CliHarness();
        await cli.OkAsync("init");
        var invalid = await cli.RunAsync("contacts", "add", "--name", "Ada", "--email", "not-an-address", "--json");
        var missing = await cli.RunAsync("contacts", "show", Guid.NewGuid().ToString("N"), "--json");
        await cli.OkAsync("contacts", "add", "--name", "Ada", "--email", "ada@example.org");
        var clash = await cli.RunAsync("contacts", "add", "--name", "Bob", "--email", "ada@example.org", "--json");

        foreach (var (run, code, kind) in new[] { (invalid, "CONTACT_EMAIL_INVALID", "Invalid"), (missing, "CONTACT_NOT_FOUND", "NotFound"), (clash, "CONTACT_EMAIL_DUPLICATE", "AlreadyExists") })
        {
            Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
            var error = JsonDocument.Parse(run.Error).RootElement;
            Assert.Equal(code, error.GetProperty("error").GetString());
            Assert.Equal(kind, error.GetProperty("kind").GetString());
        }
    }

    [Fact]
    public async Task A_peer_that_cannot_be_reached_is_the_node_failing_and_exits_1()
    {
        using var cli = new CliHarness();
        var peer = NodeIdentity.Generate().PeerId;
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var run = await cli.RunAsync("peers", "ping", $"/ip4/127.0.0.1/tcp/{port}/p2p/{peer}", "--timeout", "2", "--json");

        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        Assert.Equal("Unavailable", JsonDocument.Parse(run.Error).RootElement.GetProperty("kind").GetString());
    }
}
