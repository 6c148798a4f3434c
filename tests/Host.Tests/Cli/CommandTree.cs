using System.CommandLine;
using Rapport.Host.Cli;

namespace Rapport.Host.Tests.Cli;

/// <summary>The `rapport` commands the tests enumerate, as the paths a user types ("contacts add").</summary>
public static class CommandTree
{
    /// <summary>Every command that runs something, also one that has subcommands too (`demo` and `demo crm`).</summary>
    public static IEnumerable<string> Runnable() => Runnable(RapportCli.Build(), string.Empty);

    private static IEnumerable<string> Runnable(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            if (sub.Action is not null)
            {
                yield return path;
            }

            foreach (var below in Runnable(sub, path))
            {
                yield return below;
            }
        }
    }
}
