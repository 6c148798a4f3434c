namespace Rapport.Adapters.Grpc.Tests.TestService;

/// <summary>What the test service observed, so tests can assert on the server side of a call.</summary>
public sealed class TestServiceState
{
    private TaskCompletionSource _slowCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _slowStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task SlowCancelled => _slowCancelled.Task;
    public Task SlowStarted => _slowStarted.Task;

    public void Reset()
    {
        _slowCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _slowStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal void OnSlowStarted() => _slowStarted.TrySetResult();
    internal void OnSlowCancelled() => _slowCancelled.TrySetResult();
}
