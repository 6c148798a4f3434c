namespace Rapport.Host.Tests.Daemon;

/// <summary>Commands that need the network fail clearly when no node runs; a second node on one data dir is refused.</summary>
public sealed class NoNodeTests
{
    [Fact]
    public async Task Network_commands_without_a_running_node_exit_1_and_say_how_to_start_it()
    {
        using var cli = new CliHarness();
        var peer = (await cli.OkAsync("init", "--json")).Json.GetProperty("peerId").GetString()!;
        string[][] commands =
        [
            ["peers", "connect", $"/ip4/127.0.0.1/tcp/4001/p2p/{peer}"],
            ["requests", "accept", Guid.NewGuid().ToString("N")],
            ["consent", "grant", "--request", Guid.NewGuid().ToString("N")],
            ["requests", "decline", Guid.NewGuid().ToString("N")],
            ["consent", "revoke", "--business", peer],
        ];
        foreach (var command in commands)
        {
            var result = await cli.RunAsync(command);
            Assert.True(result.ExitCode == 1, $"{string.Join(' ', command)}: {result}");
            Assert.Contains($"no node is running for data dir {cli.Root}; start it with `rapport run --data {cli.Root}`", result.Error, StringComparison.Ordinal);
        }

        var json = await cli.RunAsync("consent", "revoke", "--business", peer, "--json");
        Assert.Equal(1, json.ExitCode);
        Assert.Contains("NO_NODE_RUNNING", json.Error, StringComparison.Ordinal);

        // Reading needs no node.
        Assert.Equal("[]", (await cli.OkAsync("requests", "list", "--json")).Out.Trim());
        Assert.Equal("[]", (await cli.OkAsync("consent", "list", "--json")).Out.Trim());
        var sync = (await cli.OkAsync("sync", "status", "--json")).Json;
        Assert.False(sync.GetProperty("nodeRunning").GetBoolean());
        Assert.Equal(0, sync.GetProperty("peers").GetArrayLength());
    }

    [Fact]
    public async Task Bad_input_is_a_usage_error_before_any_node_is_asked()
    {
        using var cli = new CliHarness();
        await cli.OkAsync("init");
        Assert.Equal(2, (await cli.RunAsync("requests", "accept", "not-an-id")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("requests", "accept", Guid.NewGuid().ToString("N"), "--fields", "email=delete")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("peers", "connect", "/ip4/127.0.0.1/tcp/4001")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("consent", "revoke")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("consent", "grant", "--request", "not-an-id")).ExitCode);
        var neither = await cli.RunAsync("consent", "grant", "--purpose", "analytics");
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--contact is required", neither.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.RunAsync("consent", "revoke", "--business", "x", "--contact", "y")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("consent", "verify", Path.Combine(cli.Root, "missing.json"))).ExitCode);
        await File.WriteAllTextAsync(Path.Combine(cli.Root, "junk.json"), "{ not json");
        var junk = await cli.RunAsync("consent", "verify", Path.Combine(cli.Root, "junk.json"));
        Assert.Equal(2, junk.ExitCode);
        Assert.StartsWith("error:", junk.Error, StringComparison.Ordinal);

        var contact = (await cli.OkAsync("contacts", "add", "--name", "External Person", "--email", "ext@example.com", "--json")).Json.GetProperty("id").GetString()!;
        var external = await cli.RunAsync("share", "request", "--contact", contact, "--fields", "email=view", "--reason", "r");
        Assert.Equal(2, external.ExitCode);
        Assert.Contains("platform-native", external.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_node_on_the_same_data_dir_is_refused_and_a_crashed_one_leaves_nothing_in_the_way()
    {
        using var cli = new CliHarness();
        await cli.OkAsync("init");
        var first = await NodeProcess.StartAsync(cli.Root);
        try
        {
            var second = await cli.RunAsync("run", "--listen", "/ip4/127.0.0.1/tcp/0", "--grpc", "none");
            Assert.Equal(2, second.ExitCode);
            Assert.Contains($"a node is already running for data dir {cli.Root}", second.Error, StringComparison.Ordinal);
            Assert.Equal(0, (await cli.OkAsync("peers", "list", "--json")).ExitCode);
        }
        finally
        {
            await first.KillAsync();
            await first.DisposeAsync();
        }

        Assert.True(File.Exists(Path.Combine(cli.Root, "rapport.sock")));
        await using var restarted = await NodeProcess.StartAsync(cli.Root);
        await restarted.WaitForLogAsync("stale control socket", TimeSpan.FromSeconds(10));
        await restarted.StopAsync();
        Assert.Equal(0, restarted.ExitCode);
        Assert.False(File.Exists(Path.Combine(cli.Root, "rapport.sock")));
    }
}
