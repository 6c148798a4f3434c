using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Grpc.Core;
using Grpc.Net.Client;
using Rapport.Host.Cli;
using Rapport.Host.Tests.Daemon;
using Rapport.Protocol.V1;

namespace Rapport.Host.Tests.Hosting;

/// <summary>`rapport run` with settings it cannot use: a clear message, exit 2 (the settings) or 1 (the machine), nothing written.</summary>
public sealed class RunSettingsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("{ \"grpc\": ", "not JSON")]
    [InlineData("{ \"listenn\": [] }", "'listenn' is not a setting")]
    [InlineData("{ \"listen\": [\"/ip4/127.0.0.1/udp/1/quic\", \"not an address\"] }", "listen:")]
    public async Task Bad_settings_exit_2_naming_the_setting_and_nothing_is_written(string json, string problem)
    {
        await _cli.OkAsync("init");
        var settings = Path.Combine(_cli.Root, "rapport.json");
        await File.WriteAllTextAsync(settings, json);
        var before = Snapshot();

        // No --listen: a list given as a flag would replace the file's.
        var run = await _cli.RunAsync("run", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var error = System.Text.Json.JsonDocument.Parse(run.Error).RootElement;
        Assert.Equal("SETTINGS_INVALID", error.GetProperty("error").GetString());
        Assert.Contains(problem, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(settings, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task An_invalid_listen_flag_exits_2_naming_the_flag()
    {
        await _cli.OkAsync("init");

        var run = await _cli.RunAsync("run", "--listen", "/ip4/999.1.1.1/tcp/1", "--grpc", "none");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--listen", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_grpc_port_exits_1_and_leaves_the_node_able_to_start()
    {
        await _cli.OkAsync("init");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await _cli.RunAsync("run", "--listen", "/ip4/127.0.0.1/tcp/0", "--grpc", $"127.0.0.1:{port}", "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("\"error\": \"LISTEN_FAILED\"", run.Error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
        taken.Stop();
        await using var node = await NodeProcess.StartAsync(_cli.Root);
        await node.StopAsync();
        Assert.Equal(0, node.ExitCode);
    }

    [Fact]
    public async Task The_message_limit_reaches_the_partner_api()
    {
        await _cli.OkAsync("init");
        await using var node = await NodeProcess.StartAsync(_cli.Root, "--grpc", "127.0.0.1:0", "--max-message-bytes", "1024");
        using var channel = GrpcChannel.ForAddress(node.GrpcAddress!);
        var client = new ContactsService.ContactsServiceClient(channel);

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetContactAsync(new GetContactRequest { Name = "contacts/" + new string('x', 2048) }));
        var small = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetContactAsync(new GetContactRequest { Name = "contacts/x" }));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, small.StatusCode);
    }

    [Fact]
    public async Task Rapport_data_in_the_environment_names_the_node_when_no_data_flag_is_given()
    {
        await _cli.OkAsync("init");
        await _cli.OkAsync("contacts", "add", "--name", "Ada", "--email", "ada@example.org");
        var dll = Path.Combine(AppContext.BaseDirectory, "rapport.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[dll, "contacts", "list", "--json"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["RAPPORT__DATA"] = _cli.Root;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("ada@example.org", output, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_data_directory_this_user_cannot_write_exits_1_naming_it_and_nothing_is_written()
    {
        await _cli.OkAsync("init");
        var before = ReadOnlyForOthers();

        // As root permissions do not bind, so the node runs as nobody; otherwise as this user on a directory it may not write.
        var run = await RunAsUnprivilegedAsync("run", "--data", _cli.Root, "--listen", "/ip4/127.0.0.1/tcp/0", "--grpc", "none", "--json");

        Assert.True(run.ExitCode == ExitCodes.Failure, $"exit {run.ExitCode}: {run.Error}");
        Assert.Contains("\"error\": \"DATA_DIR_NOT_WRITABLE\"", run.Error, StringComparison.Ordinal);
        Assert.Contains($"the data directory {_cli.Root}", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"field\": \"data\"", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
        File.SetUnixFileMode(_cli.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Opens the data directory for reading by anyone, and for writing by no one but root; returns its snapshot.</summary>
    [UnsupportedOSPlatform("windows")]
    private string ReadOnlyForOthers()
    {
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        foreach (var file in Directory.EnumerateFiles(_cli.Root))
        {
            File.SetUnixFileMode(file, readable | UnixFileMode.UserWrite);
        }

        File.SetUnixFileMode(_cli.Root, readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute
            | (Environment.IsPrivilegedProcess ? UnixFileMode.UserWrite : UnixFileMode.None));
        return Snapshot();
    }

    private static async Task<(int ExitCode, string Error)> RunAsUnprivilegedAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "rapport.dll");
        var start = new System.Diagnostics.ProcessStartInfo(Environment.IsPrivilegedProcess ? "setpriv" : "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var arg in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet"])
            {
                start.ArgumentList.Add(arg);
            }
        }

        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = Path.GetTempPath();
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await error);
    }

    /// <summary>Every file of the data directory with its length and last write time.</summary>
    private string Snapshot() => string.Join("\n", Directory.EnumerateFileSystemEntries(_cli.Root, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p):O}" : p));
}
