using System.CommandLine;
using System.Globalization;
using Rapport.Application.Access;
using Rapport.Domain.Access;
using Rapport.Domain.Common;
using Rapport.Host.Composition;
using Rapport.Libp2p.Identity;
using Spectre.Console;

namespace Rapport.Host.Cli.Node;

/// <summary>
/// `rapport init`: data directory (owner only), database and the node's Ed25519 identity. It never starts over on a
/// store it finds damaged: that takes `--force` and a confirmation, and even then the old files are kept aside.
/// </summary>
public static class InitCommand
{
    private static readonly Option<bool> Force = new("--force")
    {
        Description = "Start an empty node even though the data dir holds a damaged or unknown store (its files are kept aside as *.broken-TIME).",
    };

    private static readonly Option<bool> WebPassphraseStdin = new("--web-passphrase-stdin")
    {
        Description = "Also set the web console's admin passphrase, read as the first line of standard input (or later: `rapport web passwd`).",
    };

    private static readonly Option<bool> Yes = new("--yes")
    {
        Description = "Confirm --force without being asked (for scripts).",
    };

    public static Command Create()
    {
        var command = new Command("init", "Create the data directory, the database and this node's identity (prints the peer id).") { Force, Yes, WebPassphraseStdin };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var data = ctx.Data;

            // Checked before anything is created: a refused passphrase leaves no half-made node behind.
            AdminPassphrase? passphrase = null;
            if (ctx.Parse.GetValue(WebPassphraseStdin))
            {
                var read = AdminPassphrase.Parse(await System.Console.In.ReadLineAsync(ct).ConfigureAwait(false));
                if (read.IsFailure)
                {
                    return ctx.Fail(read.Error);
                }

                passphrase = read.Value;
            }

            NewNode.CreatePrivateDirectory(data.Root); // before anything is moved aside into it
            string? keptAside = null;
            if (ctx.Parse.GetValue(Force))
            {
                if (!Confirmed(ctx, data))
                {
                    return ctx.Fail(new Error(CliErrors.NotConfirmed, $"--force moves the store in {data.Root} aside and starts an empty node; confirm with --yes", "force"));
                }

                keptAside = MoveStoreAside(data);
            }
            else if (!File.Exists(data.IdentityPath) && File.Exists(data.DatabasePath))
            {
                return ctx.Fail(new Error(
                    Application.Common.StoreErrors.Unavailable,
                    $"{data.IdentityPath} is missing, but {data.DatabasePath} holds a node's data: a new key would make this a different node to its peers. " +
                    "Restore identity.key from a backup, or start an empty node with `rapport init --force` (the old files are kept aside)"));
            }

            var laid = await NewNode.CreateAsync(data, ct).ConfigureAwait(false);
            if (laid.IsFailure)
            {
                return ctx.Fail(laid.Error);
            }

            if (passphrase is not null)
            {
                var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
                var set = await node.Get<SetAdminPassphrase>().ExecuteAsync(passphrase.Value, cancellationToken: ct).ConfigureAwait(false);
                if (set.IsFailure)
                {
                    return ctx.Fail(set.Error);
                }
            }

            var identity = laid.Value.Identity;
            var created = laid.Value.IdentityCreated;
            created |= keptAside is not null;
            if (ctx.Json)
            {
                ctx.WriteJson(new { peerId = identity.PeerId.ToString(), data = data.Root, created, keptAside, webPassphraseSet = passphrase is not null });
            }
            else
            {
                if (keptAside is not null)
                {
                    ctx.Console.WriteLine($"the old store is kept as {keptAside}");
                }

                ctx.Console.MarkupLine(created
                    ? $"initialised [bold]{Markup.Escape(data.Root)}[/]"
                    : $"already initialised: [bold]{Markup.Escape(data.Root)}[/] (identity kept)");
                ctx.Console.WriteLine($"peer id: {identity.PeerId}");
                if (passphrase is not null)
                {
                    ctx.Console.WriteLine("web console admin passphrase set (stored as an Argon2id hash)");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool Confirmed(CliContext ctx, DataDirectory data)
    {
        if (ctx.Parse.GetValue(Yes))
        {
            return true;
        }

        if (System.Console.IsInputRedirected || ctx.Json)
        {
            return false;
        }

        ctx.Error.Write($"move the store in {data.Root} aside and start an empty node? type 'yes': ");
        return string.Equals(System.Console.ReadLine()?.Trim(), "yes", StringComparison.Ordinal);
    }

    /// <summary>Renames the database, its WAL, shared memory and signed head to *.broken-TIME; the identity stays if it loads.</summary>
    private static string? MoveStoreAside(DataDirectory data)
    {
        var suffix = ".broken-" + DateTime.UtcNow.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture);
        string? moved = null;
        foreach (var file in (string[])[data.DatabasePath, data.DatabasePath + "-wal", data.DatabasePath + "-shm", data.AuditHeadPath])
        {
            if (File.Exists(file))
            {
                File.Move(file, file + suffix);
                moved ??= file + suffix;
            }
        }

        if (File.Exists(data.IdentityPath) && NodeIdentity.Load(data.IdentityPath).IsFailure)
        {
            File.Move(data.IdentityPath, data.IdentityPath + suffix);
        }

        return moved;
    }
}
