using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Domain.Common;
using Rapport.Host.Composition;
using Rapport.Host.Control;
using Rapport.Tests.Shared;

namespace Rapport.Host.Tests.Daemon;

/// <summary>The control socket over a real Unix domain socket: framing, bad input, stale files, permissions, clean-up.</summary>
public sealed class ControlSocketTests
{
    private static Task<ControlResponse> Echo(ControlRequest request, CancellationToken cancellationToken) => request.Command switch
    {
        "echo" => Task.FromResult(ControlResponse.Success(new { command = request.Command, args = request.Args })),
        "boom" => throw new InvalidOperationException("a bug in a handler"),
        _ => Task.FromResult(ControlResponse.Failure(new Error(ControlErrors.UnknownCommand, $"unknown command '{request.Command}'", "command"))),
    };

    [Fact]
    public async Task Each_request_line_gets_one_response_line_and_bad_lines_get_errors_on_the_same_connection()
    {
        using var dir = new CliHarness();
        var path = new DataDirectory(dir.Root).SocketPath;
        await using var server = ControlServer.Start(path, Echo, NullLogger<ControlServer>.Instance);
        using var client = await ConnectAsync(path);
        var lines = new[]
        {
            """{"command":"echo","args":{"x":1}}""",
            "not json",
            "[1,2]",
            """{"args":{}}""",
            """{"command":"echo","args":[1]}""",
            """{"command":"nope"}""",
            """{"command":"boom"}""",
            "\u00ff\u00fe",
            """{"command":"echo"}""",
        };
        var responses = await ExchangeAsync(client, lines);

        Assert.True(responses[0].GetProperty("ok").GetBoolean());
        Assert.Equal(1, responses[0].GetProperty("result").GetProperty("args").GetProperty("x").GetInt32());
        foreach (var i in new[] { 1, 2, 3, 4, 7 })
        {
            Assert.False(responses[i].GetProperty("ok").GetBoolean());
            Assert.Equal(ControlErrors.BadRequest.Value, responses[i].GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("Invalid", responses[i].GetProperty("error").GetProperty("kind").GetString());
        }

        Assert.Equal(ControlErrors.UnknownCommand.Value, responses[5].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("INTERNAL_ERROR", responses[6].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Unavailable", responses[6].GetProperty("error").GetProperty("kind").GetString());
        Assert.True(responses[8].GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task An_over_long_line_is_refused_and_its_connection_closed_while_the_server_keeps_serving()
    {
        using var dir = new CliHarness();
        var path = new DataDirectory(dir.Root).SocketPath;
        await using var server = ControlServer.Start(path, Echo, NullLogger<ControlServer>.Instance);
        using (var flooding = await ConnectAsync(path))
        {
            await flooding.SendAsync(Encoding.UTF8.GetBytes(new string('x', ControlProtocol.MaxLineLength + 10)));
            var reader = new StreamReader(new NetworkStream(flooding));
            var answer = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
            Assert.Equal(ControlErrors.BadRequest.Value, answer.GetProperty("error").GetProperty("code").GetString());
            Assert.Null(await reader.ReadLineAsync());
        }

        using var next = await ConnectAsync(path);
        Assert.True((await ExchangeAsync(next, ["""{"command":"echo"}"""]))[0].GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task The_socket_is_owner_only_replaces_a_stale_file_and_is_removed_on_dispose()
    {
        using var dir = new CliHarness();
        var data = new DataDirectory(dir.Root);

        // What a crashed node leaves behind: a file at the socket path nobody listens on (a real crash is in NoNodeTests).
        await File.WriteAllTextAsync(data.SocketPath, "");

        Assert.True(File.Exists(data.SocketPath));
        var stale = await ControlClient.CallAsync(data, "echo", new { }, default);
        Assert.Equal(ControlErrors.NoNode.Value, stale.Error!.Code);

        var logged = new List<string>();
        var server = ControlServer.Start(data.SocketPath, Echo, new LineLogger<ControlServer>(logged.Add));
        Assert.Contains(logged, l => l.Contains("stale", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(data.SocketPath));
        }

        var answered = await ControlClient.CallAsync(data, "echo", new { y = "z" }, default);
        Assert.True(answered.Ok);
        Assert.Equal("z", answered.Result!.Value.GetProperty("args").GetProperty("y").GetString());

        await server.DisposeAsync();
        Assert.False(File.Exists(data.SocketPath));
        var gone = await ControlClient.CallAsync(data, "echo", new { }, default);
        Assert.Equal(ControlErrors.NoNode.Value, gone.Error!.Code);
        Assert.Contains($"rapport run --data {data.Root}", gone.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_node_may_hold_a_data_directory()
    {
        using var dir = new CliHarness();
        var data = new DataDirectory(dir.Root);
        using (var first = DaemonLock.Acquire(data).Value)
        {
            var second = DaemonLock.Acquire(data);
            Assert.True(second.IsFailure);
            Assert.Contains("already running", second.Error.Message, StringComparison.Ordinal);
        }

        using var again = DaemonLock.Acquire(data).Value;
    }

    private static async Task<Socket> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    private static async Task<List<JsonElement>> ExchangeAsync(Socket socket, IReadOnlyList<string> lines)
    {
        var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        var reader = new StreamReader(stream);
        var responses = new List<JsonElement>();
        for (var i = 0; i < lines.Count; i++)
        {
            responses.Add(JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement.Clone());
        }

        return responses;
    }
}
