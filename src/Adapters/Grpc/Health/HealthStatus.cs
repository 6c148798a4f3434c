using System.Collections.Concurrent;

namespace Rapport.Adapters.Grpc.Health;

/// <summary>
/// What the health service reports. The server as a whole (service name "") is NOT_SERVING until the host calls
/// <see cref="MarkStarted"/>, and whenever the store probe fails; named services report what the host set for them,
/// and are NOT_SERVING too while the server is not.
/// </summary>
public sealed class HealthStatus
{
    private readonly Func<CancellationToken, Task<bool>>? _storeProbe;
    private readonly ConcurrentDictionary<string, bool> _services = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();
    private volatile bool _started;

    /// <param name="storeProbe">Returns false (or throws) when the backing store is unusable.</param>
    public HealthStatus(Func<CancellationToken, Task<bool>>? storeProbe = null) => _storeProbe = storeProbe;

    public bool IsStarted => _started;

    public void MarkStarted()
    {
        _started = true;
        Signal();
    }

    public void MarkStopping()
    {
        _started = false;
        Signal();
    }

    public void SetServiceStatus(string service, bool serving)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        _services[service] = serving;
        Signal();
    }

    public void RemoveService(string service)
    {
        if (_services.TryRemove(service, out _))
        {
            Signal();
        }
    }

    /// <summary>Serving state of the server ("") or a named service; null when the service is unknown.</summary>
    public async Task<bool?> IsServingAsync(string service, CancellationToken cancellationToken)
    {
        bool? declared = service.Length == 0 ? true : _services.TryGetValue(service, out var s) ? s : null;
        if (declared is null)
        {
            return null;
        }

        return declared.Value && _started && await ProbeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes the next time any status is set.</summary>
    internal Task ChangedAsync => Volatile.Read(ref _changed).Task;

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_storeProbe is null)
        {
            return true;
        }

        try
        {
            return await _storeProbe(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // A probe that throws means the store is unusable: that is exactly what NOT_SERVING reports.
            return false;
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
