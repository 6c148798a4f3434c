using Rapport.Host.Composition;
using Rapport.Host.Hosting;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Hosting;

/// <summary>Options handed to the node in code (as a test or a benchmark does) are read as the settings file's: a bad endpoint is a settings error, nothing starts.</summary>
public sealed class ListenEndpointStartTests
{
    [Theory]
    [InlineData("example.org:1", "none", "grpc: 'example.org' is not an IP address or localhost")]
    [InlineData("none", "127.0.0.1", "web: '127.0.0.1' is not host:port, e.g. 127.0.0.1:8080")]
    public async Task A_node_given_an_endpoint_that_is_not_one_does_not_start_and_says_which_setting(string grpc, string web, string problem)
    {
        using var cli = new CliHarness();
        var data = new DataDirectory(cli.Root);
        await NewNode.CreateAsync(data);

        var started = await RunningNode.StartAsync(data, new RapportNodeOptions { Grpc = grpc, Web = web }, null, _ => { }, CancellationToken.None);

        Assert.Equal(NodeSettingsErrors.SettingsInvalid, started.Error.Code);
        Assert.Equal(problem, started.Error.Message);

        // The store and the lock were released: the node starts once the setting is right.
        var fixedStart = await RunningNode.StartAsync(data, new RapportNodeOptions { Grpc = "127.0.0.1:0" }, null, _ => { }, CancellationToken.None);
        Assert.True(fixedStart.IsSuccess, fixedStart.IsFailure ? fixedStart.Error.ToString() : null);
        await fixedStart.Value.DisposeAsync();
    }
}
