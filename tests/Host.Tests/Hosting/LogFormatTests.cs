using System.Text.Json;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Hosting;

/// <summary>`rapport run` logs to stderr: readable lines by default, one JSON object per line with --log-format json.</summary>
public sealed class LogFormatTests : IDisposable
{
    private readonly CliHarness _text = new();
    private readonly CliHarness _json = new();

    public void Dispose()
    {
        _text.Dispose();
        _json.Dispose();
    }

    [Fact]
    public async Task Text_lines_for_people_and_json_lines_for_machines()
    {
        await _text.OkAsync("init");
        await _json.OkAsync("init");
        await using var people = await NodeProcess.StartAsync(_text.Root);
        await using var machines = await NodeProcess.StartAsync(_json.Root, "--log-format", "json");

        await _json.OkAsync("peers", "connect", people.Address);

        await people.WaitForLogAsync("info: Rapport.Libp2p.Network.Libp2pHost[3001] connected inbound", TimeSpan.FromSeconds(10));
        await machines.WaitForLogAsync("\"EventId\":3001", TimeSpan.FromSeconds(10));
        var line = machines.Log.Split('\n').First(l => l.Contains("\"EventId\":3001", StringComparison.Ordinal));
        using var parsed = JsonDocument.Parse(line);
        var root = parsed.RootElement;
        Assert.Equal("Information", root.GetProperty("LogLevel").GetString());
        Assert.Equal("Rapport.Libp2p.Network.Libp2pHost", root.GetProperty("Category").GetString());
        Assert.StartsWith("connected outbound", root.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Contains(people.Address[(people.Address.LastIndexOf('/') + 1)..], root.GetProperty("State").GetProperty("Connection").GetString(), StringComparison.Ordinal);

        // Scopes carry what the event was part of: the dial ran inside the control command that asked for it.
        Assert.Contains("peers.connect", root.GetProperty("Scopes").GetRawText(), StringComparison.Ordinal);
        await machines.StopAsync();
        Assert.Equal(0, machines.ExitCode);
    }

    [Fact]
    public async Task An_unknown_log_format_exits_2_naming_the_flag()
    {
        await _text.OkAsync("init");

        var run = await _text.RunAsync("run", "--listen", "/ip4/127.0.0.1/tcp/0", "--grpc", "none", "--log-format", "yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--log-format", run.Error, StringComparison.Ordinal);
        Assert.Contains("'yaml'", run.Error, StringComparison.Ordinal);
    }
}
