using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// The node's one hybrid logical clock (node id = local peer id, physical time from <see cref="IClock"/>). It starts
/// above every stamp in the store, and each reading taken for a record is also above that record's latest stamp, so
/// every local write is stamped above everything its replica has seen (protocol/sharing.md §6.1). Thread-safe.
/// </summary>
public sealed class NodeClock
{
    private readonly IUnitOfWorkFactory _unitOfWork;
    private readonly IClock _clock;
    private readonly HybridLogicalClock _hlc;
    private readonly Lock _gate = new();
    private volatile bool _started;

    public NodeClock(IUnitOfWorkFactory unitOfWork, IGrantSigner identity, IClock clock, TimeSpan? maxDrift = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _unitOfWork = unitOfWork ?? throw new ArgumentNullException(nameof(unitOfWork));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _hlc = new HybridLogicalClock(identity.LocalPeerId, maxDrift);
    }

    public string NodeId => _hlc.NodeId;

    public TimeSpan MaxDrift => _hlc.MaxDrift;

    public long MaxDriftMs => (long)_hlc.MaxDrift.TotalMilliseconds;

    private long WallMs => Math.Max(0, _clock.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>Reads the latest stored stamp once, in a transaction of its own, so the first reading is above it.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            return;
        }

        await using var work = await _unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await StartWithinAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="StartAsync"/>, inside the caller's transaction. Starting twice concurrently only absorbs the same
    /// stamp twice, so no lock is held across I/O (a lock here could wait on a transaction that waits on it).
    /// </summary>
    public async Task StartWithinAsync(IUnitOfWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_started)
        {
            return;
        }

        if (await work.SharedRecords.LatestStampAsync(cancellationToken).ConfigureAwait(false) is { } latest)
        {
            Absorb(latest);
        }

        _started = true;
    }

    /// <summary>A fresh reading above everything this clock issued or absorbed and above <paramref name="record"/>'s latest stamp.</summary>
    public HlcTimestamp Now(SharedRecord? record = null)
    {
        lock (_gate)
        {
            if (record?.LatestStamp is { } latest)
            {
                AbsorbLocked(latest);
            }

            return _hlc.Now(WallMs);
        }
    }

    /// <summary>Refuses a remote reading further ahead of our wall clock than the drift bound, without touching the clock.</summary>
    public Result<Unit> CheckDrift(HlcTimestamp remote)
    {
        var ahead = remote.PhysicalMs - WallMs;
        return ahead > MaxDriftMs
            ? new Error(
                SharedRecordErrors.HlcDrift,
                $"remote clock reading {remote} is {ahead} ms ahead of local time; at most {MaxDriftMs} ms is accepted")
            : Result.Ok();
    }

    /// <summary>A receive event: absorbs a remote reading within the drift bound (<c>HLC_DRIFT</c> otherwise, clock untouched).</summary>
    public Result<HlcTimestamp> Receive(HlcTimestamp remote)
    {
        lock (_gate)
        {
            return _hlc.Receive(remote, WallMs);
        }
    }

    /// <summary>Moves the clock above a stamp we already hold (stored state), whatever the drift.</summary>
    public void Absorb(HlcTimestamp stamp)
    {
        lock (_gate)
        {
            AbsorbLocked(stamp);
        }
    }

    private void AbsorbLocked(HlcTimestamp stamp)
    {
        if (_hlc.Last is { } last && last.PhysicalMs > stamp.PhysicalMs)
        {
            return;
        }

        // Stored stamps were accepted once already; the drift bound is for new remote readings, so pass a wall time
        // that is at least the stamp's own to absorb it unconditionally.
        _hlc.Receive(stamp, Math.Max(WallMs, stamp.PhysicalMs));
    }
}
