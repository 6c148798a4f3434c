using System.CommandLine;
using Rapport.Adapters.Libp2p.Identity;
using Rapport.Adapters.Storage.Sqlite;
using Spectre.Console;

namespace Rapport.Host.Cli.Node;

/// <summary>`rapport init`: data directory, database and the node's Ed25519 identity.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var command = new Command("init", "Create the data directory, the database and this node's identity (prints the peer id).");
        CliAction.Set(command, async (ctx, ct) =>
        {
            var data = ctx.Data;
            Directory.CreateDirectory(data.Root);
            NodeIdentity identity;
            var created = false;
            if (File.Exists(data.IdentityPath))
            {
                var loaded = NodeIdentity.Load(data.IdentityPath);
                if (loaded.IsFailure)
                {
                    return ctx.Fail(loaded.Error);
                }

                identity = loaded.Value;
            }
            else
            {
                identity = NodeIdentity.Generate();
                identity.Save(data.IdentityPath);
                created = true;
            }

            await SqliteDatabase.OpenAsync(data.DatabasePath, create: true, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(new { peerId = identity.PeerId.ToString(), data = data.Root, created });
            }
            else
            {
                ctx.Console.MarkupLine(created
                    ? $"initialised [bold]{Markup.Escape(data.Root)}[/]"
                    : $"already initialised: [bold]{Markup.Escape(data.Root)}[/] (identity kept)");
                ctx.Console.WriteLine($"peer id: {identity.PeerId}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
