using Rapport.Host.Tests.Crm;

namespace Rapport.Host.Tests.Demo;

[Collection(ConsoleCollection.Name)]
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_runs_the_whole_story_and_exits_zero()
    {
        await using var node = await CrmNode.CreateAsync();

        var run = await node.RunAsync("demo");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("imported 50 contact(s)", run.Out, StringComparison.Ordinal);
        Assert.Contains("CONSENT_MARKETING_MISSING", run.Out, StringComparison.Ordinal);
        Assert.Contains("CONSENT_REVOKED", run.Out, StringComparison.Ordinal);
        Assert.Contains("intact", run.Out, StringComparison.Ordinal);
    }
}
