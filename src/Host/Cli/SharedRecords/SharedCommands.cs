using System.CommandLine;
using System.Globalization;
using Rapport.Application.SharedRecords.Show;
using Rapport.Domain.Consent;
using Rapport.Host.Cli.Consent;
using Rapport.Host.Cli.Control;
using Rapport.Host.Control;
using Spectre.Console;

namespace Rapport.Host.Cli.SharedRecords;

/// <summary>
/// `rapport shared show|set|clear|log`: the record a business and a customer share. Reading uses the store; writing
/// goes through the running node so the change is synced at once.
/// </summary>
public static class SharedCommands
{
    public static Command Build()
    {
        var shared = new Command("shared", "The shared record of a business–customer relationship (fields, tags, interactions).");
        shared.Subcommands.Add(Show());
        shared.Subcommands.Add(Set());
        shared.Subcommands.Add(Clear());
        shared.Subcommands.Add(Log());
        shared.Subcommands.Add(Tag());
        return shared;
    }

    private static Command Show()
    {
        var peer = new SharedPeer();
        var command = new Command("show", "Show this node's replica of the shared record and the consent it is held under.");
        peer.AddTo(command);
        CliAction.Set(command, async (ctx, ct) =>
        {
            var remote = await peer.ResolveAsync(ctx, ct).ConfigureAwait(false);
            if (remote.IsFailure)
            {
                return ctx.Fail(remote.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var shown = await node.Get<ShowSharedRecord>()
                .ExecuteAsync(remote.Value, "cli", ct).ConfigureAwait(false);
            if (shown.IsFailure)
            {
                return ctx.Fail(shown.Error);
            }

            var view = shown.Value;
            if (ctx.Json)
            {
                ctx.WriteJson(SharedRecordJson.Of(view));
                return ExitCodes.Ok;
            }

            Render(view);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(SharedRecordView view)
    {
        var console = CliInput.Out();
        var role = view.Role == Application.SharedRecords.SharingRole.Business ? "business" : "customer";
        console.MarkupLine(
            $"shared record of business [bold]{Markup.Escape(view.BusinessPeerId)}[/] and customer [bold]{Markup.Escape(view.CustomerPeerId)}[/] (we are the {role})");
        console.MarkupLine($"grant v{view.GrantVersion.ToString(CultureInfo.InvariantCulture)}: {view.GrantStatus.ToKey()}");
        var fields = new Table().AddColumns("field", "access", "value");
        var keys = view.GrantedFields.Keys.Union(view.Fields.Keys).Union(view.PurgedFields.Keys).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var access = view.GrantedFields.TryGetValue(key, out var level) ? SharingInput.Level(level) : "none";
            var value = view.Fields.TryGetValue(key, out var text) ? Markup.Escape(text)
                : view.PurgedFields.ContainsKey(key) ? "[grey](purged)[/]"
                : "[grey]-[/]";
            fields.AddRow(Markup.Escape(key), access, value);
        }

        console.Write(fields);
        if (view.Tags.Count > 0)
        {
            console.MarkupLine($"tags: {Markup.Escape(string.Join(", ", view.Tags.Order(StringComparer.Ordinal)))}");
        }

        foreach (var interaction in view.Interactions)
        {
            console.MarkupLine($"  {CliInput.Format(DateTimeOffset.FromUnixTimeMilliseconds(interaction.OccurredAtMs))} {Markup.Escape(interaction.Kind)}: {Markup.Escape(interaction.Summary)}");
        }
    }

    private static Command Set()
    {
        var peer = new SharedPeer();
        var key = new Argument<string>("FIELD") { Description = "The field key, e.g. email or address.city." };
        var value = new Argument<string>("VALUE") { Description = "The new value." };
        var command = new Command("set", "Write a shared field (a business only fields it may edit); synced at once.") { key, value };
        peer.AddTo(command);
        CliAction.Set(command, (ctx, ct) => WriteAsync(ctx, peer, ctx.Value(key), ctx.Value(value), ct));
        return command;
    }

    private static Command Clear()
    {
        var peer = new SharedPeer();
        var key = new Argument<string>("FIELD") { Description = "The field key." };
        var command = new Command("clear", "Clear a shared field (same rules as set).") { key };
        peer.AddTo(command);
        CliAction.Set(command, (ctx, ct) => WriteAsync(ctx, peer, ctx.Value(key), null, ct));
        return command;
    }

    private static async Task<int> WriteAsync(CliContext ctx, SharedPeer peer, string key, string? value, CancellationToken ct)
    {
        var remote = await peer.ResolveAsync(ctx, ct).ConfigureAwait(false);
        if (remote.IsFailure)
        {
            return ctx.Fail(remote.Error);
        }

        return await NodeCall.RunAsync(ctx, "shared.set", new { peer = remote.Value, key, value }, _ =>
        {
            if (ctx.Json)
            {
                ctx.WriteJson(new { peer = remote.Value, key, value });
            }
            else
            {
                System.Console.Out.WriteLine(value is null ? $"{key} cleared" : $"{key} = {value}");
            }

            return ExitCodes.Ok;
        }, ct).ConfigureAwait(false);
    }

    private static Command Log()
    {
        var peer = new SharedPeer();
        var kind = new Option<string>("--kind") { Required = true, Description = "What happened: call, email, meeting, order, ticket…" };
        var summary = new Option<string>("--summary") { Description = "One line both sides will see." };
        var command = new Command("log", "Log an interaction in the shared record; both sides see it.") { kind, summary };
        peer.AddTo(command);
        CliAction.Set(command, async (ctx, ct) =>
        {
            var remote = await peer.ResolveAsync(ctx, ct).ConfigureAwait(false);
            if (remote.IsFailure)
            {
                return ctx.Fail(remote.Error);
            }

            var args = new { peer = remote.Value, kind = ctx.Value(kind), summary = ctx.Parse.GetValue(summary) };
            return await NodeCall.RunAsync(ctx, "shared.log", args, response =>
            {
                var id = response.Result!.Value.GetProperty("id").GetString();
                if (ctx.Json)
                {
                    ctx.WriteJson(new { peer = remote.Value, id });
                }
                else
                {
                    System.Console.Out.WriteLine($"interaction {id} logged");
                }

                return ExitCodes.Ok;
            }, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Tag()
    {
        var peer = new SharedPeer();
        var tag = new Argument<string>("TAG") { Description = "The tag, e.g. vip or prefers-email." };
        var remove = new Option<bool>("--remove") { Description = "Remove the tag instead of adding it." };
        var command = new Command("tag", "Tag the shared record (either side); synced at once.") { tag, remove };
        peer.AddTo(command);
        CliAction.Set(command, async (ctx, ct) =>
        {
            var remote = await peer.ResolveAsync(ctx, ct).ConfigureAwait(false);
            if (remote.IsFailure)
            {
                return ctx.Fail(remote.Error);
            }

            var args = new { peer = remote.Value, tag = ctx.Value(tag), remove = ctx.Value(remove) };
            return await NodeCall.RunAsync(ctx, "shared.tag", args, _ =>
            {
                if (ctx.Json)
                {
                    ctx.WriteJson(args);
                }
                else
                {
                    System.Console.Out.WriteLine(args.remove ? $"tag {args.tag} removed" : $"tagged {args.tag}");
                }

                return ExitCodes.Ok;
            }, ct).ConfigureAwait(false);
        });
        return command;
    }
}
