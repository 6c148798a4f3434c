using Spectre.Console;

namespace Rapport.Host.Cli;

/// <summary>
/// The console the CLI writes people's output to, set up the way command-line users expect: colour only on a terminal
/// and never with <c>NO_COLOR</c> or <c>--no-color</c>; the width of the terminal, or <c>COLUMNS</c>; and when the
/// output is piped, no escape codes and lines as wide as their content, so a script reads whole ids and addresses.
/// </summary>
public static class CliConsole
{
    /// <summary>Width of piped output when COLUMNS is not set: wide enough that no table cell is cut or wrapped.</summary>
    public const int PipedWidth = 4096;

    public static IAnsiConsole Create(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var piped = Console.IsOutputRedirected;
        var noColor = piped || args.Contains("--no-color") || !string.IsNullOrEmpty(environment("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = piped ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = piped ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (int.TryParse(environment("COLUMNS"), out var columns) && columns > 0)
        {
            console.Profile.Width = columns;
        }
        else if (piped)
        {
            console.Profile.Width = PipedWidth;
        }

        return console;
    }
}
