using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Rapport.Host.Daemon;

/// <summary>
/// Work the daemon starts in reaction to an event (a connection, a change to a shared record), tracked so that a stop
/// lets it finish — up to a deadline, then cancels it — instead of abandoning it to the process's end.
/// </summary>
public sealed class BackgroundWork(ILogger<BackgroundWork> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _closing;

    /// <summary>Runs <paramref name="work"/> in the background, unless the daemon is stopping; a failure is logged.</summary>
    public void Run(string what, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_closing)
        {
            return;
        }

        var task = Task.Run(async () =>
        {
            // Everything the work logs, in any component, says which work it was part of ("sync 12D3KooW…").
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["Work"] = what });
            try
            {
                await work(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // The stop's deadline passed: the work was cancelled on purpose.
            }
#pragma warning disable CA1031 // an event's work must never crash the node; the failure is logged
            catch (Exception e)
#pragma warning restore CA1031
            {
                DaemonLog.WorkFailed(logger, what, e);
            }
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Takes no more work, waits for what runs up to <paramref name="grace"/>, then cancels it and waits for it to end.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        var running = Task.WhenAll(_running.Keys);
        await running.WaitAsync(grace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running.Keys).WaitAsync(grace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
