using System.Text.Json;
using Rapport.Host.Cli;
using Spectre.Console;

namespace Rapport.Host.Demo;

/// <summary>
/// How the demos narrate: numbered steps, and real `rapport` commands run in-process against a node's data dir,
/// echoed the way a user would type them (or run quietly with --json when the demo only needs their answer).
/// </summary>
internal sealed class DemoConsole
{
    private int _step;

    public void Step(string title)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Rule($"[yellow]{++_step}. {Markup.Escape(title)}[/]").LeftJustified());
    }

    /// <summary>Echoes a command the way the user would type it.</summary>
    public static void Show(string who, params string[] args) =>
        AnsiConsole.MarkupLine($"[blue]{Markup.Escape(who)}$ rapport {Markup.Escape(string.Join(' ', args.Select(Quote)))}[/]");

    public static void Say(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    /// <summary>Runs one command on the node of <paramref name="data"/>; a non-zero exit fails the demo unless expected.</summary>
    public static async Task<int> RunAsync(string data, string who, CancellationToken ct, int expected, params string[] args)
    {
        Show(who, args);
        var code = await RapportCli.RunAsync([.. args, "--data", data]).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        if (code == ExitCodes.Denied && expected == ExitCodes.Ok && args is ["policy", "eval", ..])
        {
            // A "no" from the policy is an answer the demo wants to show, with the exit code a script would branch on.
            Say($"(exit {ExitCodes.Denied}: denied)");
            return code;
        }

        if (code != expected)
        {
            throw new DemoFailedException($"`rapport {string.Join(' ', args)}` exited {code}, expected {expected}");
        }

        return code;
    }

    public static Task<int> RunAsync(string data, string who, CancellationToken ct, params string[] args) => RunAsync(data, who, ct, ExitCodes.Ok, args);

    /// <summary>Runs a command with --json without showing it, and returns its output.</summary>
    public static async Task<JsonElement> JsonAsync(string data, CancellationToken ct, params string[] args)
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        int code;
        try
        {
            code = await RapportCli.RunAsync([.. args, "--data", data, "--json"]).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(original);
        }

        ct.ThrowIfCancellationRequested();
        if (code != ExitCodes.Ok)
        {
            throw new DemoFailedException($"`rapport {string.Join(' ', args)}` exited {code}");
        }

        using var document = JsonDocument.Parse(captured.ToString());
        return document.RootElement.Clone();
    }

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;
}
