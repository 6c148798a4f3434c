using System.CommandLine;
using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Common;
using Rapport.Domain.Common;
using Spectre.Console;

namespace Rapport.Host.Cli;

/// <summary>
/// Attaches a handler to a command with the behaviour every command shares: a <see cref="CliContext"/>,
/// Ctrl-C cancellation, and failures reported as one clear line with the right exit code, never a stack trace.
/// </summary>
public static class CliAction
{
    public static void Set(Command command, Func<CliContext, CancellationToken, Task<int>> handler)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(handler);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var context = new CliContext(parse, AnsiConsole.Console, System.Console.Error);
            try
            {
                return await handler(context, cancellationToken).ConfigureAwait(false);
            }
            catch (CliFailureException e)
            {
                return context.Fail(e.Error);
            }
            catch (StoreUnavailableException e)
            {
                return context.Fail(new Error(StoreErrors.Unavailable, e.Message));
            }
            catch (SqliteException e)
            {
                // A failure a use case did not expect (a page gone bad mid-query): the store's words, not a stack trace.
                return context.Fail(new Error(StoreErrors.Unavailable, SqliteDatabase.Explain(e, context.Data.DatabasePath).Message));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                context.Error.WriteLine("cancelled");
                return ExitCodes.Failure;
            }
            catch (IOException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Failure;
            }
            catch (UnauthorizedAccessException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Failure;
            }
#pragma warning disable CA1031 // the CLI's last line of defence: a bug is reported in one line, not a stack trace
            catch (Exception e)
#pragma warning restore CA1031
            {
                context.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
                if (Environment.GetEnvironmentVariable("RAPPORT_DEBUG") == "1")
                {
                    context.Error.WriteLine(e);
                }

                return ExitCodes.Failure;
            }
        });
    }
}
