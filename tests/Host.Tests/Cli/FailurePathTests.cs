using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Host.Cli;
using Rapport.Host.Tests.Daemon;

namespace Rapport.Host.Tests.Cli;

/// <summary>
/// Every command's failure paths answer as docs/errors.md promises: the exit code of the error's kind and, with
/// --json, one JSON object on stderr with the code, the kind and a message.
/// </summary>
public sealed partial class FailurePathTests
{
    /// <summary>Commands that do not open a node when called bare: they start one, or need nothing from it.</summary>
    private static readonly HashSet<string> OwnNode = new(StringComparer.Ordinal) { "init", "run", "demo", "demo crm", "serve-grpc", "peers ping", "peers identify", "consent verify" };

    public static TheoryData<string> Commands() => [.. CommandTree.Runnable()];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_unknown_option_is_invalid_arguments_exit_2_with_the_json_shape(string command)
    {
        using var cli = new CliHarness();
        var run = await cli.RunAsync([.. Synthesize(command), "--no-such-option", "--json"]);

        Assert.True(run.ExitCode == ExitCodes.Usage, $"{command}: {run}");
        var error = JsonDocument.Parse(run.Error).RootElement;
        Assert.Equal("INVALID_ARGUMENTS", error.GetProperty("error").GetString());
        Assert.Equal("Invalid", error.GetProperty("kind").GetString());
        Assert.Contains("--no-such-option", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Without_a_node_a_command_fails_with_the_exit_code_of_its_kind_and_a_json_error(string command)
    {
        if (OwnNode.Contains(command))
        {
            return; // starts a node or needs none; covered by its own tests
        }

        using var cli = new CliHarness();
        var run = await cli.RunAsync([.. Synthesize(command), "--json"]);

        Assert.True(run.ExitCode != ExitCodes.Ok, $"{command}: {run}");
        var error = JsonDocument.Parse(run.Error).RootElement;
        Assert.Matches("^[A-Z][A-Z0-9_]+$", error.GetProperty("error").GetString());
        var kind = Enum.Parse<Domain.Common.ErrorKind>(error.GetProperty("kind").GetString()!);
        Assert.True(ExitCodes.For(kind) == run.ExitCode, $"{command}: {run}");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Help_and_docs_list_the_same_exit_codes()
    {
        using var cli = new CliHarness();
        var help = await cli.RunAsync("--help");
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root(), "docs", "errors.md"));

        foreach (var (code, docsSays) in new[] { (ExitCodes.Ok, "0 is success"), (ExitCodes.Failure, "**1**"), (ExitCodes.Usage, "**2**"), (ExitCodes.Denied, "**3**") })
        {
            Assert.Contains($"{code} ", help.Out, StringComparison.Ordinal);
            Assert.Contains(docsSays, docs, StringComparison.Ordinal);
        }

        Assert.Contains("3 `policy eval` answered no", help.Out.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches(DeniedInDocs(), docs);
        var eval = await cli.RunAsync("policy", "eval", "--help");
        Assert.Contains("--purpose", eval.Out, StringComparison.Ordinal);
    }

    /// <summary>A command line that parses: a placeholder for each argument, one for each required option.</summary>
    private static string[] Synthesize(string path)
    {
        Command command = RapportCli.Build();
        foreach (var name in path.Split(' '))
        {
            command = command.Subcommands.Single(c => c.Name == name);
        }

        var args = new List<string>(path.Split(' '));
        args.AddRange(command.Arguments.Select(_ => "placeholder"));
        foreach (var option in command.Options.Where(o => o.Required))
        {
            args.AddRange([option.Name, option.ValueType == typeof(int) || option.ValueType == typeof(int?) ? "1" : "placeholder"]);
        }

        return [.. args];
    }

    [GeneratedRegex(@"\*\*3\*\* is a ""no"" from the policy")]
    private static partial Regex DeniedInDocs();
}
