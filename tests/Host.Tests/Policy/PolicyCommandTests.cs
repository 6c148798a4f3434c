using Rapport.Host.Cli;
using Rapport.Host.Tests.Consent;

namespace Rapport.Host.Tests.Policy;

[Collection("Cli")]
public sealed class PolicyCommandTests
{
    [Fact]
    public async Task Denial_and_permission_both_exit_0_and_are_audited()
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();

        var denied = await cli.RunAsync("policy", "eval", "score_lead", "--contact", contact);
        Assert.Equal(ExitCodes.Denied, denied.ExitCode);
        Assert.Contains("denied", denied.Out, StringComparison.Ordinal);
        Assert.Contains("CONSENT_ANALYTICS_MISSING", denied.Out, StringComparison.Ordinal);

        await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", "analytics", "--source", "import", "--field", "profile.*=view");
        var allowed = await cli.RunAsync("policy", "eval", "score_lead", "--contact", contact, "--json");
        Assert.Equal(0, allowed.ExitCode);
        Assert.True(allowed.Json.GetProperty("allowed").GetBoolean());
        Assert.Equal(Domain.Policy.PolicyMatrix.Default.Version, allowed.Json.GetProperty("policyVersion").GetInt32());
        Assert.Equal(64, allowed.Json.GetProperty("snapshotHash").GetString()!.Length);

        var write = await cli.RunAsync("policy", "eval", "write_shared_field", "--contact", contact, "--field", "email", "--json");
        Assert.False(write.Json.GetProperty("allowed").GetBoolean());
        Assert.Equal("FIELD_NOT_EDITABLE", write.Json.GetProperty("reasons")[0].GetString());

        var monitored = await cli.RunAsync("policy", "eval", "train_model", "--contact", contact, "--mode", "monitor", "--json");
        Assert.True(monitored.Json.GetProperty("allowed").GetBoolean());
        Assert.False(monitored.Json.GetProperty("enforced").GetBoolean());
        Assert.Equal("CONSENT_AI_TRAINING_MISSING", monitored.Json.GetProperty("reasons")[0].GetString());

        var read = await cli.RunAsync("policy", "eval", "read_contact", "--contact", contact, "--purpose", "analytics.web", "--json");
        Assert.True(read.Json.GetProperty("allowed").GetBoolean());
        var unknown = await cli.RunAsync("policy", "eval", "read_contact", "--contact", contact, "--purpose", "Web!", "--mode", "monitor", "--json");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Equal("UNKNOWN_PURPOSE", System.Text.Json.JsonDocument.Parse(unknown.Error).RootElement.GetProperty("error").GetString());

        var log = await cli.RunAsync("audit", "list", "--contact", contact, "--json");
        Assert.Equal(["policy.decided", "consent.granted", "policy.decided", "policy.decided", "policy.decided", "policy.decided", "policy.decided"],
            log.Json.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Several_contacts_are_decided_as_a_batch()
    {
        await using var cli = await ConsentCli.CreateAsync();
        var (a, b) = (await cli.NewContactAsync(), await cli.NewContactAsync());
        await cli.RunAsync("consent", "grant", "--contact", a, "--purpose", "marketing", "--source", "form");
        var run = await cli.RunAsync("policy", "eval", "export_for_marketing", "--contact", a, "--contact", b, "--json");
        Assert.Equal(ExitCodes.Denied, run.ExitCode);
        Assert.Equal([true, false], run.Json.EnumerateArray().Select(d => d.GetProperty("allowed").GetBoolean()));
    }

    [Fact]
    public async Task An_unknown_action_and_a_bad_mode_are_usage_errors()
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();
        var unknown = await cli.RunAsync("policy", "eval", "sell_everything", "--contact", contact);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("UNKNOWN_ACTION", unknown.Error, StringComparison.Ordinal);
        var json = await cli.RunAsync("policy", "eval", "sell_everything", "--contact", contact, "--json");
        Assert.Equal("UNKNOWN_ACTION", System.Text.Json.JsonDocument.Parse(json.Error).RootElement.GetProperty("error").GetString());
        Assert.Equal(2, (await cli.RunAsync("policy", "eval", "score_lead", "--contact", contact, "--mode", "loose")).ExitCode);
    }
}
