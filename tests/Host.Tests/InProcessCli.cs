using System.Text.Json;
using Rapport.Host.Cli;
using Spectre.Console;

namespace Rapport.Host.Tests;

/// <summary>What one `rapport` command printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
}

/// <summary>
/// Runs `rapport` in-process against a data directory, capturing stdout and stderr (and Spectre's console, wide and
/// colourless, so tables are not wrapped). Tests using it share the console and run serially.
/// </summary>
public static class InProcessCli
{
    public static async Task<CliRun> RunAsync(string dataDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError, oldConsole) = (Console.Out, Console.Error, AnsiConsole.Console);
        Console.SetOut(output);
        Console.SetError(error);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        AnsiConsole.Console.Profile.Width = 250;
        try
        {
            var code = await RapportCli.RunAsync([.. args, "--data", dataDirectory]);
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            AnsiConsole.Console = oldConsole;
        }
    }
}
