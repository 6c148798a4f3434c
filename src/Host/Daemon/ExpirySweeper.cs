using Microsoft.Extensions.Logging;
using Rapport.Application.SharedRecords.Purge;

namespace Rapport.Host.Daemon;

/// <summary>
/// Expiry needs no message: while the node runs it checks every <see cref="Period"/> (and once at start) for grants
/// that ran out, and purges the shared values they covered (protocol/sharing.md §6.5), each purge audited.
/// </summary>
public sealed class ExpirySweeper(PurgeExpiredGrants purge, ILogger<ExpirySweeper> logger) : IAsyncDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>One sweep; returns how many relationships were purged.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var purged = await purge.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var pair in purged)
        {
            DaemonLog.ExpiredAndPurged(logger, pair.CustomerPeerId, pair.BusinessPeerId);
        }

        return purged.Count;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            do
            {
                try
                {
                    await SweepAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store may be briefly unavailable; the next tick tries again.
                    DaemonLog.SweepFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
