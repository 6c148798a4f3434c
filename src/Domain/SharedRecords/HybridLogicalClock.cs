using Rapport.Domain.Common;

namespace Rapport.Domain.SharedRecords;

/// <summary>
/// The hybrid logical clock of one node (Kulkarni et al., "Logical Physical Clocks", 2014). The caller passes the
/// wall-clock reading in, so the domain stays clock-free. Readings never go backwards, even when the wall clock does.
/// </summary>
public sealed class HybridLogicalClock
{
    public static readonly TimeSpan DefaultMaxDrift = TimeSpan.FromSeconds(60);

    private long _physical;
    private int _counter;
    private bool _started;

    public HybridLogicalClock(string nodeId, TimeSpan? maxDrift = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        var drift = maxDrift ?? DefaultMaxDrift;
        ArgumentOutOfRangeException.ThrowIfLessThan(drift, TimeSpan.Zero);
        NodeId = nodeId;
        MaxDrift = drift;
    }

    public string NodeId { get; }

    /// <summary>How far ahead of our own physical time a remote reading may be before we refuse it.</summary>
    public TimeSpan MaxDrift { get; }

    /// <summary>The last reading issued or absorbed, or null before the first event.</summary>
    public HlcTimestamp? Last => _started ? new HlcTimestamp(_physical, _counter, NodeId) : null;

    /// <summary>A reading for a local or send event.</summary>
    public HlcTimestamp Now(long physicalMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(physicalMs);
        if (!_started || physicalMs > _physical)
        {
            _started = true;
            _physical = physicalMs;
            _counter = 0;
        }
        else
        {
            _counter = checked(_counter + 1);
        }

        return new HlcTimestamp(_physical, _counter, NodeId);
    }

    /// <summary>
    /// Absorbs a remote reading (receive event) and returns the new local reading, which is greater than both the
    /// remote reading and every reading this clock issued before. A remote reading further ahead of
    /// <paramref name="physicalMs"/> than <see cref="MaxDrift"/> is refused with <c>HLC_DRIFT</c> and leaves the clock
    /// untouched, so a peer with a broken clock cannot drag ours into the future.
    /// </summary>
    public Result<HlcTimestamp> Receive(HlcTimestamp remote, long physicalMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(physicalMs);
        if (remote.PhysicalMs - physicalMs > (long)MaxDrift.TotalMilliseconds)
        {
            return new Error(
                SharedRecordErrors.HlcDrift,
                $"remote clock reading {remote} is more than {MaxDrift.TotalSeconds:0.###} s ahead of local time {physicalMs}");
        }

        var ownPhysical = _started ? _physical : -1;
        var physical = Math.Max(Math.Max(ownPhysical, remote.PhysicalMs), physicalMs);
        int counter;
        if (physical == ownPhysical && physical == remote.PhysicalMs)
        {
            counter = checked(Math.Max(_counter, remote.Counter) + 1);
        }
        else if (physical == ownPhysical)
        {
            counter = checked(_counter + 1);
        }
        else if (physical == remote.PhysicalMs)
        {
            counter = checked(remote.Counter + 1);
        }
        else
        {
            counter = 0;
        }

        _started = true;
        _physical = physical;
        _counter = counter;
        return new HlcTimestamp(_physical, _counter, NodeId);
    }
}
