namespace Rapport.Domain.SharedRecords;

/// <summary>
/// A hybrid logical clock reading: physical milliseconds since the Unix epoch, a logical counter for events within
/// the same millisecond, and the id of the node that produced it. Readings are totally ordered by (physical, counter,
/// node id ordinal), so two different nodes never produce equal stamps and every concurrent conflict has one winner.
/// </summary>
public readonly record struct HlcTimestamp : IComparable<HlcTimestamp>
{
    public HlcTimestamp(long physicalMs, int counter, string nodeId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(physicalMs);
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        PhysicalMs = physicalMs;
        Counter = counter;
        NodeId = nodeId;
    }

    public long PhysicalMs { get; }
    public int Counter { get; }
    public string NodeId { get; }

    public int CompareTo(HlcTimestamp other)
    {
        var byPhysical = PhysicalMs.CompareTo(other.PhysicalMs);
        if (byPhysical != 0)
        {
            return byPhysical;
        }

        var byCounter = Counter.CompareTo(other.Counter);
        return byCounter != 0 ? byCounter : string.CompareOrdinal(NodeId, other.NodeId);
    }

    public static bool operator <(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) < 0;
    public static bool operator >(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) > 0;
    public static bool operator <=(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) <= 0;
    public static bool operator >=(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) >= 0;

    public static HlcTimestamp Max(HlcTimestamp a, HlcTimestamp b) => a >= b ? a : b;
    public static HlcTimestamp Min(HlcTimestamp a, HlcTimestamp b) => a <= b ? a : b;

    public override string ToString() => $"{PhysicalMs}.{Counter}@{NodeId}";
}
