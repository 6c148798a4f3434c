using Rapport.Host.Tests.Crm;

namespace Rapport.Host.Tests.Demo;

/// <summary>
/// A node's log carries peer ids, event names and error codes — never a contact's or a profile's value. The demo
/// puts every kind of personal value through two real nodes (profile, contact, share request, sync, edits, a refused
/// edit, revocation and purge); its nodes' logs must hold none of them.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class NoPersonalDataInLogsTests
{
    // Every personal value the demo uses, whole and in recognisable parts. The test first shows that the demo did use
    // each (its output shows them), so a value changed in the demo but not here fails instead of passing unseen.
    private static readonly string[] UsedByTheDemo =
    [
        "Ada Lovelace", "ada@analytical.example", "+44 20 7946 0018", "London", "a.lovelace@old-address.example",
        "ada@lovelace.example", "Cambridge", "ada@ours.example",
    ];

    private static readonly string[] Parts = ["Lovelace", "analytical.example", "lovelace.example", "old-address", "7946 0018", "ours.example"];

    [Fact]
    public async Task A_full_demo_run_logs_no_value_of_the_customer()
    {
        await using var node = await CrmNode.CreateAsync();
        var logFile = node.File("demo-nodes.log");

        var run = await node.RunAsync("demo", "--log", logFile);

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        foreach (var value in UsedByTheDemo)
        {
            Assert.Contains(value, run.Out, StringComparison.Ordinal);
        }

        var log = await File.ReadAllTextAsync(logFile);
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // The log is real: the connection, the request, the grant and the sync sessions that carried the values.
        Assert.Contains(lines, l => l.StartsWith("[business] [Libp2pHost] connected", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[customer] [ConsentProtocol] consent request from", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[business] [ConsentProtocol] consent grant from", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[business] [Libp2pSyncService] sync session with", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[customer] [Libp2pSyncService] sync session with", StringComparison.Ordinal));
        foreach (var value in UsedByTheDemo.Concat(Parts))
        {
            var leaked = lines.Where(l => l.Contains(value, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaked.Count == 0, $"'{value}' is in the node log:\n{string.Join('\n', leaked)}");
        }
    }

    [Fact]
    public async Task A_log_file_that_cannot_be_written_is_a_clear_error()
    {
        await using var node = await CrmNode.CreateAsync();
        var blocked = node.File("not-a-directory");
        await File.WriteAllTextAsync(blocked, "");

        var run = await node.RunAsync("demo", "--log", Path.Combine(blocked, "demo.log"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("demo.log", run.Error + run.Out, StringComparison.Ordinal);
    }
}
