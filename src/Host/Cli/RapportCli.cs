using System.CommandLine;

namespace Rapport.Host.Cli;

/// <summary>Builds the `rapport` command tree. Each feature contributes one command group.</summary>
public static class RapportCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Rapport: consent-based relationships between businesses and their customers.");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
