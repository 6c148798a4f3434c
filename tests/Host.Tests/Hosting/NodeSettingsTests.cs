using System.Collections;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Hosting;

/// <summary>defaults &lt; rapport.json &lt; RAPPORT__… &lt; flags, and every bad value named with its source.</summary>
public sealed class NodeSettingsTests : IDisposable
{
    private readonly CliHarness _dir = new();

    private DataDirectory Data => new(_dir.Root);

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string?> Flags(params (string Key, string Value)[] flags) =>
        flags.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.OrdinalIgnoreCase);

    private static Hashtable Environment(params (string Name, string Value)[] variables)
    {
        var table = new Hashtable { ["PATH"] = "/usr/bin", ["RAPPORTX"] = "not ours" };
        foreach (var (name, value) in variables)
        {
            table[name] = value;
        }

        return table;
    }

    [Fact]
    public void Without_any_source_the_defaults_hold()
    {
        var options = NodeSettings.Load(Data, Flags(), Environment()).Value.Options;

        Assert.Equal(RapportNodeOptions.DefaultListen, options.Listen);
        Assert.Equal("127.0.0.1:50051", options.Grpc);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ShutdownTimeout);
        Assert.Null(options.TlsCertificate);
        Assert.Equal(LogFormat.Text, options.LogFormat);
        Assert.False(options.ServesWebConsole);
        Assert.Equal(LogFormat.Json, NodeSettings.Load(Data, Flags(), Environment(("RAPPORT__LOGFORMAT", "JSON"))).Value.Options.LogFormat);
    }

    [Fact]
    public void The_file_beats_the_defaults_the_environment_the_file_and_a_flag_the_environment()
    {
        File.WriteAllText(Data.SettingsPath, """{ "grpc": "127.0.0.1:7001", "shutdownTimeout": "00:00:30", "listen": ["/ip4/127.0.0.1/tcp/7100"] }""");

        var fromFile = NodeSettings.Load(Data, Flags(), Environment()).Value.Options;
        var fromEnvironment = NodeSettings.Load(Data, Flags(), Environment(("RAPPORT__GRPC", "127.0.0.1:7002"), ("RAPPORT__LISTEN__0", "/ip4/127.0.0.1/tcp/7200"))).Value.Options;
        var fromFlag = NodeSettings.Load(Data, Flags(("grpc", "127.0.0.1:7003")), Environment(("RAPPORT__GRPC", "127.0.0.1:7002"))).Value.Options;

        Assert.Equal(("127.0.0.1:7001", TimeSpan.FromSeconds(30), "/ip4/127.0.0.1/tcp/7100"), (fromFile.Grpc, fromFile.ShutdownTimeout, fromFile.Listen.Single()));
        Assert.Equal(("127.0.0.1:7002", TimeSpan.FromSeconds(30), "/ip4/127.0.0.1/tcp/7200"), (fromEnvironment.Grpc, fromEnvironment.ShutdownTimeout, fromEnvironment.Listen.Single()));
        Assert.Equal("127.0.0.1:7003", fromFlag.Grpc);
    }

    [Fact]
    public void Limits_come_from_the_sources_like_every_setting_and_data_is_the_clis()
    {
        var defaults = NodeSettings.Load(Data, Flags(), Environment()).Value.Options;
        var set = NodeSettings.Load(Data, Flags(("maxMessageBytes", "65536")), Environment(("RAPPORT__MAXCONNECTIONS", "16"), ("RAPPORT__DATA", "/somewhere"))).Value.Options;

        Assert.Equal((2048, 4 * 1024 * 1024), (defaults.MaxConnections, defaults.MaxMessageBytes));
        Assert.Equal((16, 65536), (set.MaxConnections, set.MaxMessageBytes));
    }

    [Fact]
    public void Listen_none_takes_no_part_in_peer_to_peer_sharing()
    {
        File.WriteAllText(Data.SettingsPath, """{ "listen": ["/ip4/127.0.0.1/tcp/7100"] }""");

        var options = NodeSettings.Load(Data, Flags(("listen:0", "none")), Environment()).Value.Options;

        Assert.Empty(options.Listen);
    }

    [Fact]
    public void A_list_from_a_stronger_source_replaces_the_weaker_list_instead_of_merging_with_it()
    {
        File.WriteAllText(Data.SettingsPath, """{ "listen": ["/ip4/127.0.0.1/tcp/7100", "/ip4/127.0.0.1/tcp/7101", "/ip4/127.0.0.1/tcp/7102"] }""");

        var options = NodeSettings.Load(Data, Flags(("listen:0", "/ip4/127.0.0.1/tcp/7300")), Environment()).Value.Options;

        Assert.Equal(["/ip4/127.0.0.1/tcp/7300"], options.Listen);
    }

    [Theory]
    [InlineData("{ \"grpc\": ", "not JSON (line 1")]
    [InlineData("[1, 2]", "one JSON object")]
    [InlineData("{ \"grcp\": \"127.0.0.1:1\" }", "'grcp' is not a setting")]
    [InlineData("{ \"shutdownTimeout\": \"soon\" }", "shutdownTimeout: 'soon'")]
    [InlineData("{ \"listen\": [\"/ip4/1.2.3/tcp/1\"] }", "listen:")]
    [InlineData("{ \"grpc\": \"example.org:50051\" }", "grpc: 'example.org' is not an IP address or localhost")]
    [InlineData("{ \"grpc\": \"\" }", "grpc: empty; expected host:port, e.g. 127.0.0.1:50051")]
    [InlineData("{ \"grpc\": \"localhost\" }", "grpc: 'localhost' is not host:port, e.g. 127.0.0.1:50051")]
    [InlineData("{ \"grpc\": \"127.0.0.1:http\" }", "grpc: '127.0.0.1:http' is not host:port")]
    [InlineData("{ \"grpc\": \"127.0.0.1:70000\" }", "grpc: '127.0.0.1:70000' is not host:port")]
    [InlineData("{ \"grpc\": \"[::1:50051\" }", "grpc: '[::1:50051': write an IPv6 address in brackets")]
    [InlineData("{ \"logFormat\": \"yaml\" }", "logFormat: 'yaml'")]
    [InlineData("{ \"maxConnections\": \"0\" }", "maxConnections: '0' is not a whole number from 1 to 65,536")]
    [InlineData("{ \"maxConnections\": \"lots\" }", "maxConnections: 'lots'")]
    [InlineData("{ \"maxMessageBytes\": \"100\" }", "maxMessageBytes: '100' is not a whole number from 1,024 to 67,108,864")]
    [InlineData("{ \"data\": \"/elsewhere\" }", "'data' cannot be set in rapport.json")]
    [InlineData("{ \"listen\": [\"none\", \"/ip4/127.0.0.1/tcp/1\"] }", "listen: 'none' cannot be combined")]
    [InlineData("{ \"logFormat\": \"1\" }", "logFormat: '1'")]
    [InlineData("{ \"web\": \"0.0.0.0:8080\" }", "web: '0.0.0.0:8080' is not a loopback address: the web console serves other hosts only over HTTPS")]
    [InlineData("{ \"web\": \"console.example:8080\" }", "web: 'console.example' is not an IP address or localhost")]
    [InlineData("{ \"web\": \"127.0.0.1\" }", "web: '127.0.0.1' is not host:port")]
    [InlineData("{ \"web\": \"::1:8080\" }", "web: '::1:8080': write an IPv6 address in brackets")]
    public void A_bad_file_is_refused_naming_the_file(string json, string problem)
    {
        File.WriteAllText(Data.SettingsPath, json);

        var loaded = NodeSettings.Load(Data, Flags(), Environment());

        Assert.Equal(NodeSettingsErrors.SettingsInvalid, loaded.Error.Code);
        Assert.Contains(problem, loaded.Error.Message, StringComparison.Ordinal);
        Assert.Contains(Data.SettingsPath, loaded.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_web_console_serves_loopback_in_plain_http_and_any_other_address_only_with_a_certificate()
    {
        var loopback = NodeSettings.Load(Data, Flags(("web", "127.0.0.1:8080")), Environment()).Value.Options;
        var v6 = NodeSettings.Load(Data, Flags(("web", "[::1]:8080")), Environment()).Value.Options;
        var plainOnAll = NodeSettings.Load(Data, Flags(("web", "0.0.0.0:8443")), Environment());
        var httpsOnAll = NodeSettings.Load(Data, Flags(("web", "0.0.0.0:8443"), ("tlsCertificate", "/etc/rapport/node.pfx")), Environment()).Value.Options;

        Assert.True(loopback.ServesWebConsole);
        Assert.Equal("[::1]:8080", v6.Web);
        Assert.Contains("(from --web)", plainOnAll.Error.Message, StringComparison.Ordinal);
        Assert.Equal("0.0.0.0:8443", httpsOnAll.Web);
        Assert.False(NodeSettings.Load(Data, Flags(("web", "none")), Environment()).Value.Options.ServesWebConsole);
    }

    [Fact]
    public void An_unknown_or_bad_environment_variable_is_named()
    {
        var unknown = NodeSettings.Load(Data, Flags(), Environment(("RAPPORT__GPRC", "127.0.0.1:1")));
        var bad = NodeSettings.Load(Data, Flags(), Environment(("RAPPORT__LISTEN__0", "nowhere")));

        Assert.Contains("environment variable RAPPORT__GPRC", unknown.Error.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable RAPPORT__LISTEN", bad.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_flag_is_named_as_the_flag_even_over_a_good_file()
    {
        File.WriteAllText(Data.SettingsPath, """{ "grpc": "127.0.0.1:7001" }""");

        var loaded = NodeSettings.Load(Data, Flags(("grpc", "127.0.0.1:99999"), ("shutdownTimeout", "00:00:05")), Environment());

        Assert.Equal(NodeSettingsErrors.SettingsInvalid, loaded.Error.Code);
        Assert.Contains("(from --grpc)", loaded.Error.Message, StringComparison.Ordinal);
    }
}
