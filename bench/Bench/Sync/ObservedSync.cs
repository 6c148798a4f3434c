using System.Diagnostics;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;

namespace Rapport.Bench.Sync;

/// <summary>
/// The business node's real <see cref="ISharedRecordSync"/>, passed through unchanged, with a stopwatch on the
/// node's side of each applied delta (validate, consent, merge, SQLite write and commit) and a signal once the
/// committed replica covers <see cref="Target"/> (the customer's last write). The session sends its Ack right after
/// <see cref="ApplyAsync"/> returns.
/// </summary>
internal sealed class ObservedSync(ISharedRecordSync inner, HlcTimestamp target) : ISharedRecordSync
{
    private readonly TaskCompletionSource _covered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _applyTicks;
    private int _deltas;

    public HlcTimestamp Target { get; } = target;

    public Task Covered => _covered.Task;

    public int DeltasApplied => Volatile.Read(ref _deltas);

    public TimeSpan ApplyTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _applyTicks));

    public Task<Result<SyncOpening>> OpenAsync(string remotePeerId, CancellationToken cancellationToken = default) =>
        inner.OpenAsync(remotePeerId, cancellationToken);

    public Task<Result<SyncOpening>> AnswerAsync(string remotePeerId, CancellationToken cancellationToken = default) =>
        inner.AnswerAsync(remotePeerId, cancellationToken);

    public Task<SignedConsentGrant?> GrantToPushAsync(string remotePeerId, long remoteGrantVersion, CancellationToken cancellationToken = default) =>
        inner.GrantToPushAsync(remotePeerId, remoteGrantVersion, cancellationToken);

    public Task<Result<Unit>> ReceiveGrantAsync(string remotePeerId, SignedConsentGrant grant, HlcTimestamp? customerClock, CancellationToken cancellationToken = default) =>
        inner.ReceiveGrantAsync(remotePeerId, grant, customerClock, cancellationToken);

    public Task<Result<SharedRecordDelta>> DeltaSinceAsync(string remotePeerId, VersionVector remoteVersions, CancellationToken cancellationToken = default) =>
        inner.DeltaSinceAsync(remotePeerId, remoteVersions, cancellationToken);

    public async Task<Result<DeltaApplied>> ApplyAsync(string remotePeerId, SharedRecordDelta delta, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var applied = await inner.ApplyAsync(remotePeerId, delta, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _applyTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _deltas);
        if (applied.IsFailure)
        {
            _covered.TrySetException(new InvalidOperationException($"the business refused a delta: {applied.Error.Code}: {applied.Error.Message}"));
        }
        else if (applied.Value.Versions.Covers(Target))
        {
            _covered.TrySetResult();
        }

        return applied;
    }
}
