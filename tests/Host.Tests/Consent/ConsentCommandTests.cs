namespace Rapport.Host.Tests.Consent;

[Collection("Cli")]
public sealed class ConsentCommandTests
{

    [Fact]
    public async Task Grant_show_and_revoke_round_trip()
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();

        var granted = await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", "marketing", "--field", "email=view", "--field", "interactions=edit", "--days", "30", "--source", "form", "--reference", "newsletter signup");
        Assert.Equal(0, granted.ExitCode);
        Assert.Contains("granted marketing", granted.Out, StringComparison.Ordinal);

        var shown = await cli.RunAsync("consent", "show", "--contact", contact, "--json");
        Assert.Equal(0, shown.ExitCode);
        var purpose = shown.Json.GetProperty("purposes")[0];
        Assert.Equal("marketing", purpose.GetProperty("purpose").GetString());
        Assert.Equal("granted", purpose.GetProperty("status").GetString());
        Assert.Equal("collected:form:newsletter signup", purpose.GetProperty("source").GetString());
        Assert.Equal("edit", shown.Json.GetProperty("fields").GetProperty("interactions").GetString());

        var text = await cli.RunAsync("consent", "show", "--contact", contact);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("marketing", text.Out, StringComparison.Ordinal);
        Assert.Contains("history", text.Out, StringComparison.Ordinal);

        var revoked = await cli.RunAsync("consent", "revoke", "--contact", contact, "--purpose", "marketing");
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("version 2", revoked.Out, StringComparison.Ordinal);

        var after = await cli.RunAsync("consent", "show", "--contact", contact, "--json");
        Assert.Equal("revoked", after.Json.GetProperty("purposes")[0].GetProperty("status").GetString());
        Assert.Equal(2, after.Json.GetProperty("history").GetArrayLength());
    }

    [Theory]
    [InlineData("--purpose", "Marketing!", "purpose")]
    [InlineData("--field", "email=read", "access level")]
    [InlineData("--field", "Secret=view", "not a field")]
    [InlineData("--field", "profile.email=view", "is spelled 'email'")]
    [InlineData("--basis", "whim", "legal basis")]
    [InlineData("--from", "soon", "not a time")]
    public async Task Invalid_input_fails_with_exit_2_and_writes_nothing(string option, string value, string message)
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();
        var args = new List<string> { "consent", "grant", "--contact", contact, "--source", "call" };
        if (option != "--purpose")
        {
            args.AddRange(["--purpose", "analytics"]);
        }

        args.AddRange([option, value]);
        var run = await cli.RunAsync([.. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);

        var audit = await cli.RunAsync("audit", "list", "--json");
        Assert.Equal(0, audit.Json.GetArrayLength());
    }

    [Fact]
    public async Task A_bad_contact_id_and_an_impossible_period_are_usage_errors()
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();
        Assert.Equal(2, (await cli.RunAsync("consent", "grant", "--contact", "bob", "--purpose", "analytics", "--source", "form")).ExitCode);
        var period = await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", "analytics", "--source", "form", "--from", "2026-05-01", "--until", "2026-04-01");
        Assert.Equal(2, period.ExitCode);
        Assert.Contains("expire", period.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.RunAsync("consent", "revoke", "--contact", contact, "--purpose", "analytics")).ExitCode);
    }

    [Fact]
    public async Task An_unknown_contact_is_refused_and_nothing_is_written()
    {
        await using var cli = await ConsentCli.CreateAsync();
        var stranger = Guid.NewGuid().ToString("N");

        var grant = await cli.RunAsync("consent", "grant", "--contact", stranger, "--purpose", "analytics", "--source", "form");
        var decision = await cli.RunAsync("policy", "eval", "score_lead", "--contact", stranger);
        var log = await cli.RunAsync("audit", "list", "--json");

        Assert.Equal(2, grant.ExitCode);
        Assert.Contains($"no contact {stranger}", grant.Error, StringComparison.Ordinal);
        Assert.Equal(2, decision.ExitCode);
        Assert.Equal(0, log.Json.GetArrayLength());
    }

    [Fact]
    public async Task A_missing_database_is_a_clear_failure()
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();
        File.Delete(cli.DatabasePath);
        var run = await cli.RunAsync("consent", "show", "--contact", contact);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rapport init", run.Error, StringComparison.Ordinal);
    }
}
