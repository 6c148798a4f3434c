using System.Text.Json;
using Rapport.Host.Cli;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Cli;

/// <summary>The CLI behaves as a well-made command-line tool: input checked in the user's words, exit codes as docs/errors.md says.</summary>
public sealed class CliConventionTests
{
    [Fact]
    public async Task An_argument_starting_with_at_is_a_value_not_a_response_file()
    {
        using var cli = new CliHarness();
        await cli.OkAsync("init");
        var added = await cli.OkAsync("contacts", "add", "--name", "@bob", "--email", "bob@example.org", "--json");
        Assert.Equal("@bob", added.Json.GetProperty("name").GetString());

        var email = await cli.RunAsync("contacts", "add", "--name", "Bob", "--email", "@example.org");
        Assert.Equal(ExitCodes.Usage, email.ExitCode);
        Assert.DoesNotContain("Response file", email.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("email", email.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_required_option_must_not_be_empty(string email)
    {
        using var cli = new CliHarness();
        await cli.OkAsync("init");
        var run = await cli.RunAsync("contacts", "add", "--name", "Ada", "--email", email);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--email is required and must not be empty", run.Error, StringComparison.Ordinal);
        Assert.Contains("0 contact(s)", (await cli.OkAsync("contacts", "list")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_purpose_the_policy_does_not_know_needs_new_purpose()
    {
        using var cli = new CliHarness();
        await cli.OkAsync("init");
        var contact = (await cli.OkAsync("contacts", "add", "--name", "Ada", "--email", "ada@example.org", "--json")).Json.GetProperty("id").GetString()!;

        var typo = await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", "bogus_purpose", "--source", "form", "--json");
        Assert.Equal(ExitCodes.Usage, typo.ExitCode);
        Assert.Equal("UNKNOWN_PURPOSE", JsonDocument.Parse(typo.Error).RootElement.GetProperty("error").GetString());
        Assert.Contains("--new-purpose", typo.Error, StringComparison.Ordinal);

        await cli.OkAsync("consent", "grant", "--contact", contact, "--purpose", "marketing.email", "--source", "form");
        await cli.OkAsync("consent", "grant", "--contact", contact, "--purpose", "bogus_purpose", "--source", "form", "--new-purpose");
    }

    [Fact]
    public async Task Parse_errors_are_in_the_users_words_and_long_values_are_cut()
    {
        using var cli = new CliHarness();
        await cli.OkAsync("init");
        var contact = (await cli.OkAsync("contacts", "add", "--name", "Ada", "--email", "ada@example.org", "--json")).Json.GetProperty("id").GetString()!;

        var days = await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", "marketing", "--source", "form", "--days", "abc");
        Assert.Equal(ExitCodes.Usage, days.ExitCode);
        Assert.Contains("--days: 'abc' is not a whole number", days.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", days.Error, StringComparison.Ordinal);

        var daysJson = await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", "marketing", "--source", "form", "--days", "abc", "--json");
        Assert.Equal("INVALID_ARGUMENTS", JsonDocument.Parse(daysJson.Error).RootElement.GetProperty("error").GetString());

        var tag = await cli.RunAsync("contacts", "add", "--name", "Bob", "--email", "bob@example.org", "--tag", new string('x', 100_000));
        Assert.Equal(ExitCodes.Usage, tag.ExitCode);
        Assert.True(tag.Error.Length < 1_000, $"{tag.Error.Length} characters of error");
        Assert.Matches(@"… \(100,0\d\d characters\)", tag.Error);
    }

    [Fact]
    public async Task A_huge_search_is_refused_clearly()
    {
        using var cli = new CliHarness();
        await cli.OkAsync("init");
        var run = await cli.RunAsync("contacts", "list", "--search", new string('%', 100_000), "--json");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var error = JsonDocument.Parse(run.Error).RootElement;
        Assert.Equal("CONTACT_SEARCH_TOO_LONG", error.GetProperty("error").GetString());
        Assert.DoesNotContain("SqliteException", run.Error, StringComparison.Ordinal);
        await cli.OkAsync("contacts", "list", "--search", "100%_\\");
    }

    [Fact]
    public async Task No_node_is_not_initialised_exit_2_in_json_too()
    {
        using var cli = new CliHarness();
        var plain = await cli.RunAsync("contacts", "list");
        Assert.Equal(ExitCodes.Usage, plain.ExitCode);
        Assert.Contains("rapport init", plain.Error, StringComparison.Ordinal);

        var json = await cli.RunAsync("contacts", "list", "--json");
        Assert.Equal(ExitCodes.Usage, json.ExitCode);
        var error = JsonDocument.Parse(json.Error).RootElement;
        Assert.Equal("NOT_INITIALISED", error.GetProperty("error").GetString());
        Assert.Equal("NotFound", error.GetProperty("kind").GetString());
    }

    [Fact]
    public void Piped_output_has_no_escape_codes_and_is_wide_enough_for_whole_values()
    {
        // The test host's stdout is redirected, as a pipe is.
        var console = CliConsole.Create([], _ => null);
        Assert.False(console.Profile.Capabilities.Ansi);
        Assert.Equal(CliConsole.PipedWidth, console.Profile.Width);
        Assert.Equal(Spectre.Console.ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);

        var narrow = CliConsole.Create([], name => name == "COLUMNS" ? "132" : null);
        Assert.Equal(132, narrow.Profile.Width);
    }

    [Theory]
    [InlineData("Cannot parse argument 'abc' for option '--days' as expected type 'System.Nullable`1[System.Int32]'.", "--days: 'abc' is not a whole number")]
    [InlineData("Cannot parse argument 'x' for option '--limit' as expected type 'System.Int32'.", "--limit: 'x' is not a whole number")]
    [InlineData("Required option '--name' is missing.", "Required option '--name' is missing.")]
    public void Parse_errors_are_reworded(string error, string expected) => Assert.Equal(expected, CliText.Reword(error));
}
