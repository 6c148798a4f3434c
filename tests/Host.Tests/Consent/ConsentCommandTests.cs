namespace Rapport.Host.Tests.Consent;

[Collection("Cli")]
public sealed class ConsentCommandTests
{
    private static readonly string Contact = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Grant_show_and_revoke_round_trip()
    {
        await using var cli = await ConsentCli.CreateAsync();

        var granted = await cli.RunAsync("consent", "grant", "--contact", Contact, "--purpose", "marketing", "--field", "profile.email=view", "--field", "interactions=edit", "--days", "30", "--source", "form", "--reference", "newsletter signup");
        Assert.Equal(0, granted.ExitCode);
        Assert.Contains("granted marketing", granted.Out, StringComparison.Ordinal);

        var shown = await cli.RunAsync("consent", "show", "--contact", Contact, "--json");
        Assert.Equal(0, shown.ExitCode);
        var purpose = shown.Json.GetProperty("purposes")[0];
        Assert.Equal("marketing", purpose.GetProperty("purpose").GetString());
        Assert.Equal("granted", purpose.GetProperty("status").GetString());
        Assert.Equal("collected:form:newsletter signup", purpose.GetProperty("source").GetString());
        Assert.Equal("edit", shown.Json.GetProperty("fields").GetProperty("interactions").GetString());

        var text = await cli.RunAsync("consent", "show", "--contact", Contact);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("marketing", text.Out, StringComparison.Ordinal);
        Assert.Contains("history", text.Out, StringComparison.Ordinal);

        var revoked = await cli.RunAsync("consent", "revoke", "--contact", Contact, "--purpose", "marketing");
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("version 2", revoked.Out, StringComparison.Ordinal);

        var after = await cli.RunAsync("consent", "show", "--contact", Contact, "--json");
        Assert.Equal("revoked", after.Json.GetProperty("purposes")[0].GetProperty("status").GetString());
        Assert.Equal(2, after.Json.GetProperty("history").GetArrayLength());
    }

    [Theory]
    [InlineData("--purpose", "Marketing!", "purpose")]
    [InlineData("--field", "profile.email=read", "sharing level")]
    [InlineData("--field", "secret=view", "not a field")]
    [InlineData("--basis", "whim", "legal basis")]
    [InlineData("--from", "soon", "not a time")]
    public async Task Invalid_input_fails_with_exit_2_and_writes_nothing(string option, string value, string message)
    {
        await using var cli = await ConsentCli.CreateAsync();
        var args = new List<string> { "consent", "grant", "--contact", Contact, "--source", "call" };
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
        Assert.Equal(2, (await cli.RunAsync("consent", "grant", "--contact", "bob", "--purpose", "analytics", "--source", "form")).ExitCode);
        var period = await cli.RunAsync("consent", "grant", "--contact", Contact, "--purpose", "analytics", "--source", "form", "--from", "2026-05-01", "--until", "2026-04-01");
        Assert.Equal(2, period.ExitCode);
        Assert.Contains("expire", period.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.RunAsync("consent", "revoke", "--contact", Contact, "--purpose", "analytics")).ExitCode);
    }

    [Fact]
    public async Task A_missing_database_is_a_clear_failure()
    {
        await using var cli = await ConsentCli.CreateAsync();
        File.Delete(cli.DatabasePath);
        var run = await cli.RunAsync("consent", "show", "--contact", Contact);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rapport init", run.Error, StringComparison.Ordinal);
    }
}
