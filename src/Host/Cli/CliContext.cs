using System.CommandLine;
using System.Text.Json;
using Rapport.Domain.Common;
using Rapport.Host.Composition;
using Spectre.Console;

namespace Rapport.Host.Cli;

/// <summary>What a command handler gets: the parsed global options, the consoles, and the node it acts on.</summary>
public sealed class CliContext(ParseResult parse, IAnsiConsole console, TextWriter error)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public ParseResult Parse { get; } = parse;

    public IAnsiConsole Console { get; } = console;

    public TextWriter Error { get; } = error;

    public bool Json => Parse.GetValue(GlobalOptions.Json);

    public DataDirectory Data => new(Parse.GetValue(GlobalOptions.Data)!.FullName);

    /// <summary>Opens the node of `--data` (must have been initialised with `rapport init`).</summary>
    public Task<NodeServices> OpenNodeAsync(CancellationToken cancellationToken) => NodeServices.OpenAsync(Data, cancellationToken);

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>Reports an expected failure (validation, not found, denied) and returns the usage exit code.</summary>
    public int Fail(Error failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (Json)
        {
            Error.WriteLine(JsonSerializer.Serialize(new { error = failure.Code, message = failure.Message, field = failure.Field }, JsonOptions));
        }
        else
        {
            Error.WriteLine(failure.Field is null ? $"error: {failure.Message}" : $"error: {failure.Field}: {failure.Message}");
        }

        return ExitCodes.Usage;
    }

    public void WriteJson<T>(T value) => System.Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
}
