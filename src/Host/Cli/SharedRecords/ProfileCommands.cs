using System.CommandLine;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Host.Cli.Consent;
using Rapport.Host.Cli.Control;
using Spectre.Console;

namespace Rapport.Host.Cli.SharedRecords;

/// <summary>
/// `rapport profile set|clear|show`: the customer's own profile, the source of what it shares. A change reaches every
/// business whose grant lets it see that field (through the running node, at once).
/// </summary>
public static class ProfileCommands
{
    public static Command Build()
    {
        var profile = new Command("profile", "Your own profile as a customer: the values you share with businesses you granted.");
        profile.Subcommands.Add(Set());
        profile.Subcommands.Add(Clear());
        profile.Subcommands.Add(Show());
        return profile;
    }

    private static Command Set()
    {
        var key = new Argument<string>("FIELD") { Description = "The field key, e.g. email, phone, address.city." };
        var value = new Argument<string>("VALUE") { Description = "The value." };
        var command = new Command("set", "Set a profile field; shared at once with every business granted to see it.") { key, value };
        CliAction.Set(command, (ctx, ct) => WriteAsync(ctx, ctx.Value(key), ctx.Value(value), ct));
        return command;
    }

    private static Command Clear()
    {
        var key = new Argument<string>("FIELD") { Description = "The field key." };
        var command = new Command("clear", "Remove a profile field; businesses granted to see it see it cleared.") { key };
        CliAction.Set(command, (ctx, ct) => WriteAsync(ctx, ctx.Value(key), null, ct));
        return command;
    }

    private static Task<int> WriteAsync(CliContext ctx, string key, string? value, CancellationToken ct) =>
        NodeCall.RunAsync(ctx, "profile.set", new { key, value }, response =>
        {
            var sharedWith = response.Result!.Value.GetProperty("sharedWith").EnumerateArray().Select(e => e.GetString()!).ToList();
            var queuedFor = response.Result!.Value.TryGetProperty("queuedFor", out var queued)
                ? queued.EnumerateArray().Select(e => e.GetString()!).ToList()
                : [];
            if (ctx.Json)
            {
                ctx.WriteJson(new { key, value, sharedWith, queuedFor });
            }
            else
            {
                System.Console.Out.WriteLine(
                    $"{key} {(value is null ? "cleared" : $"= {value}")}; written to {sharedWith.Count} shared record(s), sent where the grant allows it");
                foreach (var peer in queuedFor)
                {
                    // Not an error: the change is kept and goes out by itself once the peer is reachable again.
                    System.Console.Out.WriteLine($"queued for {peer}: not reachable now; sent when it is back (see `rapport sync status`)");
                }
            }

            return ExitCodes.Ok;
        }, ct);

    private static Command Show()
    {
        var command = new Command("show", "Show your profile.");
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var values = await node.Get<ShowProfile>().ExecuteAsync(ct).ConfigureAwait(false);

            if (ctx.Json)
            {
                ctx.WriteJson(values);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("field", "value");
            foreach (var (k, v) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(k), Markup.Escape(v));
            }

            CliInput.Out().Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
