using Rapport.Host.Tests.Crm;

namespace Rapport.Host.Tests.Demo;

[Collection(ConsoleCollection.Name)]
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_tells_the_sharing_story_between_two_nodes_and_exits_zero()
    {
        await using var node = await CrmNode.CreateAsync();

        var run = await node.RunAsync("demo");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("granted: version 1", run.Out, StringComparison.Ordinal);
        Assert.Contains("ada@lovelace.example", run.Out, StringComparison.Ordinal);
        Assert.Contains("Cambridge", run.Out, StringComparison.Ordinal);
        Assert.Contains("gives no edit access to 'email'", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Contains("CONSENT_MARKETING_MISSING", run.Out, StringComparison.Ordinal);
        Assert.Contains("CONSENT_REVOKED", run.Out, StringComparison.Ordinal);
        Assert.Contains("sharing.purged", run.Out, StringComparison.Ordinal);
        Assert.Contains("(purged)", run.Out, StringComparison.Ordinal);
        Assert.Contains("audit log intact", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_crm_walks_through_one_business_node_and_exits_zero()
    {
        await using var node = await CrmNode.CreateAsync();

        var run = await node.RunAsync("demo", "crm");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("imported 50 contact(s)", run.Out, StringComparison.Ordinal);
        Assert.Contains("CONSENT_MARKETING_MISSING", run.Out, StringComparison.Ordinal);
        Assert.Contains("CONSENT_REVOKED", run.Out, StringComparison.Ordinal);
        Assert.Contains("intact", run.Out, StringComparison.Ordinal);
    }
}
