using System.CommandLine;

namespace Rapport.Host.Cli;

/// <summary>Builds the `rapport` command tree. Each feature contributes one command group (one file under Cli/).</summary>
public static class RapportCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Rapport: consent-based relationships between businesses and their customers.\n\n" + ExitCodes.Help);
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        foreach (var command in CommandGroups())
        {
            root.Subcommands.Add(command);
        }

        RequireNonEmpty(root);
        return root;
    }

    /// <summary>
    /// Response files are off: an argument that starts with '@' is a value (a name, an e-mail address), never a
    /// file to read arguments from.
    /// </summary>
    public static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    /// <summary>A required text option means a non-empty one: `--email ""` is as missing as no `--email`.</summary>
    private static void RequireNonEmpty(Command command)
    {
        foreach (var option in command.Options.OfType<Option<string>>().Where(o => o.Required))
        {
            option.Validators.Add(result =>
            {
                if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
                {
                    result.AddError($"{option.Name} is required and must not be empty");
                }
            });
        }

        foreach (var sub in command.Subcommands)
        {
            RequireNonEmpty(sub);
        }
    }

    private static IEnumerable<Command> CommandGroups() =>
    [
        Node.InitCommand.Create(),
        Node.RunCommand.Create(),
        Node.PeersCommands.Create(),
        Contacts.ContactsCommands.Build(),
        Interactions.InteractionsCommands.Build(),
        Pipeline.PipelinesCommands.Build(),
        Pipeline.DealsCommands.Build(),
        Consent.ConsentCommands.Build(),
        Sharing.ShareCommands.Build(),
        Sharing.RequestsCommands.Build(),
        Sync.SyncCommands.Build(),
        SharedRecords.SharedCommands.Build(),
        SharedRecords.ProfileCommands.Build(),
        Policy.PolicyCommands.Build(),
        Scoring.ScoringCommands.Build(),
        Audit.AuditCommands.Build(),
        Demo.DemoCommand.Create(),
        Partners.PartnersCommands.Build(),
        Partners.ServeGrpcCommand.Build(),
        Web.WebCommands.Build(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args, Parsing);
        if (parse.Errors.Count > 0)
        {
            var messages = parse.Errors.Select(e => CliText.CutLongValues(CliText.Reword(e.Message))).ToList();
            if (parse.GetValue(GlobalOptions.Json))
            {
                await Console.Error.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
                {
                    error = CliErrors.InvalidArguments.Value,
                    kind = CliErrors.InvalidArguments.Kind.ToString(),
                    message = string.Join("; ", messages),
                })).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            foreach (var message in messages)
            {
                await Console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("run `rapport --help` for usage").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
