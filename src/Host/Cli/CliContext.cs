using System.CommandLine;
using System.Text.Json;
using Rapport.Domain.Common;
using Rapport.Host.Composition;
using Spectre.Console;

namespace Rapport.Host.Cli;

/// <summary>What a command handler gets: the parsed global options, the consoles, and the node it acts on.</summary>
public sealed class CliContext(ParseResult parse, IAnsiConsole console, TextWriter error) : IAsyncDisposable
{
    private readonly List<OpenedNode> _opened = [];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public ParseResult Parse { get; } = parse;

    public IAnsiConsole Console { get; } = console;

    public TextWriter Error { get; } = error;

    public bool Json => Parse.GetValue(GlobalOptions.Json);

    public DataDirectory Data => new(Parse.GetValue(GlobalOptions.Data)!.FullName);

    /// <summary>
    /// Opens the node of `--data` (must have been initialised with `rapport init`), writes what opening found and
    /// repaired to stderr, and closes it when the command ends.
    /// </summary>
    public async Task<OpenedNode> OpenNodeAsync(CancellationToken cancellationToken, bool checkAuditHead = true)
    {
        var data = Data;
        if (!File.Exists(data.DatabasePath) && !File.Exists(data.IdentityPath))
        {
            throw new CliFailureException(new Error(CliErrors.NotInitialised, $"{data.Root} holds no node; run `rapport init --data {data.Root}` first"));
        }

        var node = new OpenedNode(await NodeServices.OpenAsync(data, cancellationToken, checkAuditHead).ConfigureAwait(false));
        _opened.Add(node);
        foreach (var report in node.Reports)
        {
            Error.WriteLine(report);
        }

        return node;
    }

    /// <summary>Closes what the command opened: the audit journal writes what it holds, the store is released.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _opened)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }

        _opened.Clear();
    }

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>Reports an expected failure and returns the exit code of its kind (<see cref="ExitCodes.For"/>).</summary>
    public int Fail(Error failure)
    {
        Report(failure);
        return ExitCodes.For(failure.Kind);
    }

    /// <summary>Writes an expected failure to stderr (one line, or a JSON object with --json) without choosing an exit code.</summary>
    public void Report(Error failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (Json)
        {
            Error.WriteLine(JsonSerializer.Serialize(new { error = failure.Code.Value, kind = failure.Kind.ToString(), message = CliText.CutLongValues(failure.Message), field = failure.Field }, JsonOptions));
        }
        else
        {
            var message = CliText.CutLongValues(failure.Message);
            Error.WriteLine(failure.Field is null ? $"error: {message}" : $"error: {failure.Field}: {message}");
        }
    }

    public void WriteJson<T>(T value) => System.Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
}
