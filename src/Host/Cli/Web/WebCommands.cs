using System.CommandLine;
using Rapport.Application.Access;
using Spectre.Console;

namespace Rapport.Host.Cli.Web;

/// <summary>`rapport web passwd`: the admin passphrase of the node's web console.</summary>
public static class WebCommands
{
    public static Command Build()
    {
        var web = new Command("web", "The node's web console.");
        web.Subcommands.Add(Passwd());
        return web;
    }

    private static Command Passwd()
    {
        var command = new Command(
            "passwd",
            "Set or replace the web console's admin passphrase (12 characters or more). Asked twice on a terminal; " +
            "otherwise read as the first line of standard input. Only its Argon2id hash is kept.");
        CliAction.Set(command, async (ctx, ct) =>
        {
            var passphrase = Console.IsInputRedirected ? await Console.In.ReadLineAsync(ct).ConfigureAwait(false) : Ask(ctx.Console);
            if (passphrase is null)
            {
                return ctx.Fail(new Domain.Common.Error(Domain.Access.AccessErrors.PassphraseTooShort, "no passphrase was given on standard input", "passphrase"));
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var set = await node.Get<SetAdminPassphrase>().ExecuteAsync(passphrase, cancellationToken: ct).ConfigureAwait(false);
            if (set.IsFailure)
            {
                return ctx.Fail(set.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(new { passphrase = "set" });
            }
            else
            {
                Console.Out.WriteLine($"admin passphrase set for {node.Data.Root} (stored as an Argon2id hash)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? Ask(IAnsiConsole console)
    {
        var first = console.Prompt(new TextPrompt<string>("New admin passphrase:").Secret());
        var second = console.Prompt(new TextPrompt<string>("Again:").Secret());
        return first == second ? first : throw new CliFailureException(new Domain.Common.Error(
            Domain.Access.AccessErrors.PassphraseMismatch, "the two passphrases differ; nothing was changed", "passphrase"));
    }
}
