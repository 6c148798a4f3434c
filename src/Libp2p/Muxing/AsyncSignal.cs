using System.Threading.Tasks.Sources;

namespace Rapport.Libp2p.Muxing;

/// <summary>
/// An auto-reset event with one async waiter at a time that allocates nothing per wait, so the data path
/// (reader waiting for frames, writer waiting for window) stays allocation-free.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource
{
    private readonly Lock _gate = new();
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private bool _signaled;
    private bool _waiting;
    private CancellationTokenRegistration _registration;

    /// <summary>Completes when <see cref="Set"/> is (or already was) called; consumes the signal.</summary>
    public ValueTask WaitAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_signaled)
            {
                _signaled = false;
                return ValueTask.CompletedTask;
            }

            if (ct.IsCancellationRequested)
            {
                return ValueTask.FromCanceled(ct);
            }

            if (_waiting)
            {
                throw new InvalidOperationException("only one operation at a time may wait here (concurrent reads or writes on one stream?)");
            }

            _waiting = true;
            _core.Reset();
            if (ct.CanBeCanceled)
            {
                _registration = ct.UnsafeRegister(static (state, token) => ((AsyncSignal)state!).Cancel(token), this);
            }

            return new ValueTask(this, _core.Version);
        }
    }

    public void Set()
    {
        lock (_gate)
        {
            if (_waiting)
            {
                _waiting = false;
                _core.SetResult(true);
            }
            else
            {
                _signaled = true;
            }
        }
    }

    private void Cancel(CancellationToken token)
    {
        lock (_gate)
        {
            if (_waiting)
            {
                _waiting = false;
                _core.SetException(new OperationCanceledException(token));
            }
        }
    }

    void IValueTaskSource.GetResult(short token)
    {
        CancellationTokenRegistration registration;
        lock (_gate)
        {
            registration = _registration;
            _registration = default;
        }

        // Dispose outside the lock: it waits for a running cancel callback, which takes the lock.
        registration.Dispose();
        _core.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
