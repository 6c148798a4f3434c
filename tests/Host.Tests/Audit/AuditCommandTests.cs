using Rapport.Host.Tests.Consent;

namespace Rapport.Host.Tests.Audit;

[Collection("Cli")]
public sealed class AuditCommandTests
{
    private static async Task<ConsentCli> LogAsync(int decisions)
    {
        var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();
        await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", "analytics", "--source", "call");
        for (var i = 1; i < decisions; i++)
        {
            await cli.RunAsync("policy", "eval", "score_lead", "--contact", contact);
        }

        return cli;
    }

    [Fact]
    public async Task Verify_passes_on_an_intact_log()
    {
        await using var cli = await LogAsync(4);
        var run = await cli.RunAsync("audit", "verify");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("audit log intact: 4 entries", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 3", 3)]
    [InlineData("DELETE FROM audit_log WHERE sequence = 2", 2)]
    [InlineData("UPDATE audit_log SET sequence = -1 WHERE sequence = 2; UPDATE audit_log SET sequence = 2 WHERE sequence = 3; UPDATE audit_log SET sequence = 3 WHERE sequence = -1;", 2)]
    public async Task Verify_names_the_first_tampered_entry(string tamper, int position)
    {
        await using var cli = await LogAsync(5);
        await cli.ExecuteSqlAsync(tamper);
        var run = await cli.RunAsync("audit", "verify");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"audit log broken at entry {position}:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_filters_and_renders()
    {
        await using var cli = await LogAsync(3);
        var table = await cli.RunAsync("audit", "list", "--limit", "2");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("policy.decided", table.Out, StringComparison.Ordinal);
        var future = await cli.RunAsync("audit", "list", "--since", "2999-01-01", "--json");
        Assert.Equal(0, future.Json.GetArrayLength());
        Assert.Equal(2, (await cli.RunAsync("audit", "list", "--limit", "0")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("audit", "list", "--since", "whenever")).ExitCode);
    }

    [Fact]
    public async Task A_list_is_one_entry_and_audit_list_finds_each_contacts_decision_in_it()
    {
        using var cli = new Daemon.CliHarness();
        await cli.OkAsync("init");
        var ada = (await cli.OkAsync("contacts", "add", "--name", "Ada", "--email", "ada@example.org", "--json")).Json.GetProperty("id").GetString()!;
        var bob = (await cli.OkAsync("contacts", "add", "--name", "Bob", "--email", "bob@example.org", "--json")).Json.GetProperty("id").GetString()!;
        await cli.OkAsync("contacts", "list");

        var all = (await cli.OkAsync("audit", "list", "--json")).Json.EnumerateArray().ToList();
        var entry = Assert.Single(all, e => e.GetProperty("action").GetString() == "policy.decided.many");
        Assert.Contains(ada, entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(bob, entry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var forAda = (await cli.OkAsync("audit", "list", "--contact", ada, "--json")).Json.EnumerateArray().ToList();
        var decision = Assert.Single(forAda, e => e.GetProperty("action").GetString() == "policy.decided.many").GetProperty("decision").GetString()!;
        Assert.Contains("action=read_contact purpose=crm", decision, StringComparison.Ordinal);
        Assert.Contains("verdict=allow", decision, StringComparison.Ordinal);
        Assert.DoesNotContain(bob, decision, StringComparison.Ordinal);

        var table = await cli.OkAsync("audit", "list", "--contact", ada);
        Assert.Contains("verdict=allow", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(bob, table.Out, StringComparison.Ordinal);
        Assert.Contains("intact", (await cli.OkAsync("audit", "verify")).Out, StringComparison.Ordinal);
    }
}
