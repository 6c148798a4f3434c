using System.CommandLine;

namespace Rapport.Host.Cli;

/// <summary>Builds the `rapport` command tree. Each feature contributes one command group (one file under Cli/).</summary>
public static class RapportCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Rapport: consent-based relationships between businesses and their customers.");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        foreach (var command in CommandGroups())
        {
            root.Subcommands.Add(command);
        }

        return root;
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
        Audit.AuditCommands.Build(),
        Demo.DemoCommand.Create(),
        Partners.PartnersCommands.Build(),
        Partners.ServeGrpcCommand.Build(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("run `rapport --help` for usage").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
